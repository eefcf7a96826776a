internal import CLibXML2
public import Foundation
public import KwalModel

/// Validates XML documents against an XML Schema (`.xsd`) with libxml2's schema validator.
///
/// Documents are parsed without network access and without substituting entities, so hostile
/// files cannot make the validator fetch or expand anything.
public final class SchemaValidator {
  private let schema: xmlSchemaPtr
  private let file: String

  /// Loads the schema at `url`; errors name the file.
  public init(schema url: URL) throws(ExportError) {
    file = url.path
    guard let context = xmlSchemaNewParserCtxt(url.path) else {
      throw ExportError(.missingInput, "cannot read the schema", at: SourceLocation(file: url.path))
    }
    defer { xmlSchemaFreeParserCtxt(context) }
    let collector = ErrorCollector()
    let box = Unmanaged.passRetained(collector)
    defer { box.release() }
    xmlSchemaSetParserStructuredErrors(
      context, { userData, error in ErrorCollector.collect(userData, error) }, box.toOpaque())
    guard let parsed = xmlSchemaParse(context) else {
      let first = collector.diagnostics.first?.message ?? "not a valid XML Schema"
      throw ExportError(.badData, "cannot load the schema: \(first)", at: SourceLocation(file: url.path))
    }
    schema = parsed
  }

  deinit { xmlSchemaFree(schema) }

  /// The schema violations of the XML `data` (empty when it is valid); `name` names it in
  /// diagnostics. Malformed XML gives one error diagnostic with its line and column.
  public func validate(_ data: Data, name: String) -> [Diagnostic] {
    let collector = ErrorCollector(file: name)
    let box = Unmanaged.passRetained(collector)
    defer { box.release() }
    guard let parser = xmlNewParserCtxt() else {
      return [Diagnostic(.error, SourceLocation(file: name), "libxml2 cannot create a parser")]
    }
    defer { xmlFreeParserCtxt(parser) }
    xmlSetStructuredErrorFunc(box.toOpaque(), { userData, error in ErrorCollector.collect(userData, error) })
    defer { xmlSetStructuredErrorFunc(nil, nil) }
    let options = Int32(XML_PARSE_NONET.rawValue)
    let parsed = data.withUnsafeBytes { raw -> xmlDocPtr? in
      guard let base = raw.baseAddress else { return nil }
      return xmlCtxtReadMemory(parser, base.assumingMemoryBound(to: CChar.self), Int32(raw.count), name, nil, options)
    }
    guard let doc = parsed else {
      if collector.diagnostics.isEmpty {
        return [Diagnostic(.error, SourceLocation(file: name), "not well-formed XML")]
      }
      return collector.diagnostics
    }
    defer { xmlFreeDoc(doc) }
    guard let context = xmlSchemaNewValidCtxt(schema) else {
      return [Diagnostic(.error, SourceLocation(file: name), "libxml2 cannot create a validator")]
    }
    defer { xmlSchemaFreeValidCtxt(context) }
    xmlSchemaSetValidStructuredErrors(
      context, { userData, error in ErrorCollector.collect(userData, error) }, box.toOpaque())
    let result = xmlSchemaValidateDoc(context, doc)
    if result != 0 && collector.diagnostics.isEmpty {
      return [Diagnostic(.error, SourceLocation(file: name), "does not validate against \(file)")]
    }
    return collector.diagnostics
  }
}

/// Gathers libxml2's structured errors as diagnostics.
private final class ErrorCollector {
  var diagnostics: [Diagnostic] = []
  let file: String?

  init(file: String? = nil) { self.file = file }

  static func collect(_ userData: UnsafeMutableRawPointer?, _ error: UnsafeMutablePointer<xmlError>?) {
    guard let userData, let error else { return }
    let collector = Unmanaged<ErrorCollector>.fromOpaque(userData).takeUnretainedValue()
    let message =
      error.pointee.message.map { String(cString: $0) }?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "XML error"
    let errorFile = collector.file ?? error.pointee.file.map { String(cString: $0) } ?? "document"
    let line = Int(error.pointee.line)
    let column = Int(error.pointee.int2)
    let severity: Severity = error.pointee.level == XML_ERR_WARNING ? .warning : .error
    collector.diagnostics.append(
      Diagnostic(
        severity, SourceLocation(file: errorFile, line: line > 0 ? line : nil, column: column > 0 ? column : nil),
        message))
  }
}
