/// A file or folder the run could not write: a failure of the run (SPEC 6 exit 1), where a
/// `PipelineError` is a mistake in the pipeline or the command (exit 2). One line: the path, then
/// what went wrong and why.
public struct OutputError: Error, CustomStringConvertible, Equatable {
    public let file: String
    public let message: String

    public init(file: String, _ message: String) {
        self.file = file
        self.message = message
    }

    public var description: String { "\(file): \(message)" }
}
