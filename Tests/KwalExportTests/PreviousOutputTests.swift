import Foundation
import KwalModel
import KwalTestSupport
import Testing

@testable import KwalExport

@Suite("Rows taken over from the previous run's files")
struct PreviousOutputTests {
  /// A folder with the three streamed files and their identities.
  func folder() throws -> (URL, [String: String]) {
    let folder = try Scratch.folder("previous")
    var identities: [String: String] = [:]
    for (index, name) in CodingOutputWriter.streamedFiles.enumerated() {
      let url = folder.appendingPathComponent(name)
      try Data((0..<3_000).map { "\(name),\(index),rij \($0)\n" }.joined().utf8).write(to: url)
      identities[name] = FileIdentity.of(url)
    }
    return (folder, identities)
  }

  /// Ranges copied into a file (by the kernel) and into a pipe (which the kernel's copy refuses,
  /// so the bytes are read and written) give the same bytes as the source.
  @Test func rangesAreCopiedIntoFilesAndPipes() throws {
    let (folder, identities) = try folder()
    let previous = try #require(PreviousOutput(folder: folder, identities: identities))
    let source = try Data(contentsOf: folder.appendingPathComponent("units.csv"))
    let ranges = [0..<10, 10..<5_000, 40_000..<source.count, 5..<5]

    let target = folder.appendingPathComponent("copy.csv")
    FileManager.default.createFile(atPath: target.path, contents: Data("kop\n".utf8))
    let handle = try FileHandle(forWritingTo: target)
    try handle.seekToEnd()
    for range in ranges { #expect(previous.append("units.csv", range, to: handle.fileDescriptor)) }
    try handle.write(contentsOf: Data("staart\n".utf8))
    try handle.close()
    var expected = Data("kop\n".utf8)
    for range in ranges { expected.append(source[range]) }
    expected.append(Data("staart\n".utf8))
    #expect(try Data(contentsOf: target) == expected)

    let pipe = Pipe()
    let range = 100..<30_000
    #expect(previous.append("units.csv", range, to: pipe.fileHandleForWriting.fileDescriptor))
    try pipe.fileHandleForWriting.close()
    #expect(pipe.fileHandleForReading.readDataToEndOfFile() == source[range])
  }

  /// Files changed since the run that wrote them (a researcher saved one from a spreadsheet) are
  /// not used.
  @Test func changedFilesAreNotUsed() throws {
    let (folder, identities) = try folder()
    try Data("anders\n".utf8).write(to: folder.appendingPathComponent("codings.csv"))
    #expect(PreviousOutput(folder: folder, identities: identities) == nil)
    var missing = identities
    missing["units.csv"] = nil
    #expect(PreviousOutput(folder: folder, identities: missing) == nil)
  }
}

@Suite("File identity")
struct FileIdentityTests {
  /// The text a settled file's identity has always had (the store keeps it from run to run):
  /// device, inode, size, then the modification and status-change times in seconds.nanoseconds.
  @Test func aSettledFilesIdentityKeepsItsText() throws {
    let path = #filePath
    var info = stat()
    try #require(stat(path, &info) == 0)
    let expected =
      "\(info.st_dev):\(info.st_ino):\(info.st_size):\(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec):"
      + "\(info.st_ctim.tv_sec).\(info.st_ctim.tv_nsec)"
    // A file changed in the last two seconds has no identity yet.
    if info.st_ctim.tv_sec < time(nil) - 1 {
      #expect(FileIdentity.settled(path) == expected)
    } else {
      #expect(FileIdentity.settled(path) == nil)
    }
    #expect(FileIdentity.settled(path + ".absent") == nil)
  }
}
