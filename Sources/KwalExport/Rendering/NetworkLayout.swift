import Foundation

/// A deterministic force-directed layout (Fruchterman and Reingold, 1991) for the co-occurrence
/// network of the report: nodes start on a circle in the given order, and a fixed number of
/// steps with a falling temperature moves them; no random numbers, so the same network always
/// gets the same drawing.
public enum NetworkLayout {
  /// One edge: two node indices and a weight (greater pulls harder).
  public struct Edge: Sendable, Hashable {
    public var from: Int
    public var to: Int
    public var weight: Double

    public init(from: Int, to: Int, weight: Double) {
      self.from = from
      self.to = to
      self.weight = weight
    }
  }

  /// Positions in the unit square, with a margin of `margin` on every side.
  public static func positions(
    nodes: Int, edges: [Edge], iterations: Int = 400, margin: Double = 0.08
  ) -> [(x: Double, y: Double)] {
    guard nodes > 0 else { return [] }
    if nodes == 1 { return [(0.5, 0.5)] }
    var x = (0..<nodes).map { 0.5 + 0.4 * cos(2 * Double.pi * Double($0) / Double(nodes)) }
    var y = (0..<nodes).map { 0.5 + 0.4 * sin(2 * Double.pi * Double($0) / Double(nodes)) }
    let k = 1.6 * (1.0 / Double(nodes)).squareRoot()
    let maximumWeight = edges.map(\.weight).max() ?? 1
    var dx = [Double](repeating: 0, count: nodes)
    var dy = [Double](repeating: 0, count: nodes)
    for step in 0..<iterations {
      let temperature = 0.1 * (1 - Double(step) / Double(iterations))
      for index in 0..<nodes {
        dx[index] = 0
        dy[index] = 0
      }
      for a in 0..<nodes {
        for b in (a + 1)..<nodes {
          var ex = x[a] - x[b]
          var ey = y[a] - y[b]
          var distance = (ex * ex + ey * ey).squareRoot()
          if distance < 1e-6 {
            // Two nodes on one spot: part them along a fixed direction.
            ex = 1e-3
            ey = 0
            distance = 1e-3
          }
          let force = k * k / distance
          dx[a] += ex / distance * force
          dy[a] += ey / distance * force
          dx[b] -= ex / distance * force
          dy[b] -= ey / distance * force
        }
      }
      for edge in edges where edge.from != edge.to {
        let ex = x[edge.from] - x[edge.to]
        let ey = y[edge.from] - y[edge.to]
        let distance = max(1e-6, (ex * ex + ey * ey).squareRoot())
        let force = 0.5 * distance * distance / k * (0.3 + 0.7 * edge.weight / maximumWeight)
        dx[edge.from] -= ex / distance * force
        dy[edge.from] -= ey / distance * force
        dx[edge.to] += ex / distance * force
        dy[edge.to] += ey / distance * force
      }
      for index in 0..<nodes {
        // A weak pull to the centre keeps unconnected nodes in view.
        dx[index] += (0.5 - x[index]) * k * 0.6
        dy[index] += (0.5 - y[index]) * k * 0.6
        let length = max(1e-9, (dx[index] * dx[index] + dy[index] * dy[index]).squareRoot())
        let move = min(length, temperature)
        x[index] += dx[index] / length * move
        y[index] += dy[index] / length * move
      }
    }
    // Fit into the square with the margin.
    let (minX, maxX) = (x.min() ?? 0, x.max() ?? 1)
    let (minY, maxY) = (y.min() ?? 0, y.max() ?? 1)
    let span = max(maxX - minX, maxY - minY, 1e-9)
    let inner = 1 - 2 * margin
    return (0..<nodes).map { index in
      let px = margin + inner * ((x[index] - minX) / span + (span - (maxX - minX)) / span / 2)
      let py = margin + inner * ((y[index] - minY) / span + (span - (maxY - minY)) / span / 2)
      return ((px * 1000).rounded() / 1000, (py * 1000).rounded() / 1000)
    }
  }
}
