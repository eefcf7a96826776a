import KwalExport
import Testing

@Suite("The network layout of the report")
struct NetworkLayoutTests {
  @Test("Deterministic, inside the margin, connected nodes nearer than unconnected ones")
  func deterministicAndSensible() {
    let edges = [
      NetworkLayout.Edge(from: 0, to: 1, weight: 0.9), NetworkLayout.Edge(from: 1, to: 2, weight: 0.5),
      NetworkLayout.Edge(from: 0, to: 2, weight: 0.4), NetworkLayout.Edge(from: 3, to: 4, weight: 0.2),
    ]
    let first = NetworkLayout.positions(nodes: 6, edges: edges)
    let second = NetworkLayout.positions(nodes: 6, edges: edges)
    #expect(first.map(\.x) == second.map(\.x) && first.map(\.y) == second.map(\.y))
    #expect(first.allSatisfy { (0.079...0.921).contains($0.x) && (0.079...0.921).contains($0.y) })
    func distance(_ a: Int, _ b: Int) -> Double {
      let dx = first[a].x - first[b].x
      let dy = first[a].y - first[b].y
      return (dx * dx + dy * dy).squareRoot()
    }
    #expect(distance(0, 1) < distance(0, 5))
    #expect(NetworkLayout.positions(nodes: 0, edges: []).isEmpty)
    #expect(NetworkLayout.positions(nodes: 1, edges: []).first?.x == 0.5)
  }
}
