import AtbalstsCore
import Foundation
import Ingest

/// The pseudonym key and workspace set-up (SPEC 6 `init`, SPEC 8).
public enum Workspace {
    public static let keyBytes = 32

    /// Reads the key; a missing key is an error, never a silent new key that would break linking
    /// of the same teacher across waves. SPEC 8: exactly 32 bytes, mode 0600, a regular file — it
    /// is checked before a byte is read, so `/dev/zero` or a folder is refused, not read forever.
    public static func loadKey(at url: URL, pipeline: String) throws(PipelineError) -> [UInt8] {
        let path = url.path
        var status = stat()
        guard stat(path, &status) == 0 else {
            let folder = url.deletingLastPathComponent().path
            throw PipelineError(
                file: pipeline,
                say(
                    "no pseudonym key at \(url.lastPathComponent); create one with `atbalsts init \(folder)` (or restore the workspace's key: a new key cannot link teachers to earlier waves)",
                    lv:
                        "nav pseidonīma atslēgas \(url.lastPathComponent); izveidojiet to ar `atbalsts init \(folder)` (vai atjaunojiet darba mapes atslēgu: jauna atslēga nesasaistīs pedagogus ar iepriekšējām kārtām)"
                ))
        }
        guard status.st_mode & S_IFMT == S_IFREG else {
            throw PipelineError(
                file: path,
                say(
                    "the pseudonym key is not a regular file (a device, folder or pipe); point pseudonym_key in the pipeline at the 32-byte key file that `atbalsts init` made",
                    lv:
                        "pseidonīma atslēga nav parasts fails (ierīce, mape vai kanāls); norādiet pipeline laukā pseudonym_key 32 baitu atslēgas failu, ko izveidoja `atbalsts init`"
                ))
        }
        let mode = status.st_mode & 0o777
        guard mode & 0o077 == 0 else {
            let shown = String(mode, radix: 8)
            throw PipelineError(
                file: path,
                say(
                    "the pseudonym key can be read by others (mode 0\(shown)); run `chmod 600 \(path)` so only its owner can",
                    lv: "pseidonīma atslēgu var lasīt citi (režīms 0\(shown)); izpildiet `chmod 600 \(path)`, lai to varētu tikai īpašnieks"
                ))
        }
        let size = Int(status.st_size)
        // Small enough to look at: a key of another length is read only to say what is wrong.
        let data = size <= 4096 ? FileManager.default.contents(atPath: path) : nil
        guard let data, data.count == keyBytes else {
            let lineBreak =
                (keyBytes + 1...keyBytes + 2).contains(size)
                && (data?.last == UInt8(ascii: "\n") || data?.last == UInt8(ascii: "\r"))
            throw PipelineError(
                file: path,
                lineBreak
                    ? say(
                        "the pseudonym key is \(size) bytes and ends with a line break (an editor added it); it must be exactly \(keyBytes): remove the break with `truncate -s \(keyBytes) \(path)`, and do not open the key in an editor",
                        lv:
                            "pseidonīma atslēga ir \(size) baiti un beidzas ar rindas beigām (tās pielicis redaktors); tai jābūt tieši \(keyBytes): noņemiet tās ar `truncate -s \(keyBytes) \(path)` un neatveriet atslēgu redaktorā"
                    )
                    : say(
                        "the pseudonym key is \(size) bytes; it must be exactly \(keyBytes): restore the workspace's key, or make a new one with `atbalsts init DIR --key-only` (a new key cannot link teachers to earlier waves)",
                        lv:
                            "pseidonīma atslēga ir \(size) baiti; tai jābūt tieši \(keyBytes): atjaunojiet darba mapes atslēgu vai izveidojiet jaunu ar `atbalsts init MAPE --key-only` (jauna atslēga nesasaistīs pedagogus ar iepriekšējām kārtām)"
                    ))
        }
        return Array(data)
    }

    /// What the database records of the key (SPEC 8): an HMAC of a fixed label under the key, which
    /// tells two keys apart and gives nothing of the key away.
    public static func fingerprint(of key: [UInt8]) -> String {
        Digest.hmacSHA256Hex(key: key, message: Array("atbalsts pseudonym key fingerprint v1".utf8))
    }

    /// Creates a key file with mode 0600. Refuses to overwrite an existing key.
    @discardableResult
    public static func createKey(at url: URL) throws(PipelineError) -> Bool {
        if FileManager.default.fileExists(atPath: url.path) { return false }
        let descriptor = open(url.path, O_CREAT | O_EXCL | O_WRONLY, 0o600)
        guard descriptor >= 0 else {
            throw PipelineError(file: url.path, "cannot create the pseudonym key: \(String(cString: strerror(errno)))")
        }
        defer { close(descriptor) }
        let key = Digest.randomBytes(keyBytes)
        guard write(descriptor, key, key.count) == key.count else {
            throw PipelineError(file: url.path, "cannot write the pseudonym key: \(String(cString: strerror(errno)))")
        }
        return true
    }

    /// What `atbalsts init DIR` made; existing files are kept, never overwritten.
    public struct InitResult: Sendable {
        public var created: [String] = []
        public var kept: [String] = []
    }

    public static func initialize(_ directory: URL, seedsFrom source: URL?, keyOnly: Bool) throws(PipelineError) -> InitResult {
        var result = InitResult()
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw PipelineError(
                file: directory.path,
                say(
                    "cannot create the workspace folder: \(error.localizedDescription)",
                    lv: "nevar izveidot darba mapi: \(error.localizedDescription)"))
        }
        let key = directory.appendingPathComponent("atbalsts.key")
        if try createKey(at: key) {
            result.created.append(key.lastPathComponent)
        } else {
            result.kept.append(key.lastPathComponent)
        }
        guard !keyOnly else { return result }

        let seeds = directory.appendingPathComponent("seeds")
        if FileManager.default.fileExists(atPath: seeds.path) {
            result.kept.append("seeds/")
        } else {
            do {
                if let source {
                    try FileManager.default.copyItem(at: source, to: seeds)
                } else {
                    // The standard seeds travel inside the program: init works in any folder.
                    try EmbeddedSeeds.write(to: seeds)
                }
                result.created.append("seeds/")
            } catch {
                throw PipelineError(
                    file: seeds.path,
                    say(
                        "cannot write the seeds: \(error.localizedDescription)", lv: "nevar ierakstīt sēklas: \(error.localizedDescription)"
                    ))
            }
        }
        let pipeline = directory.appendingPathComponent("pipeline.yaml")
        if FileManager.default.fileExists(atPath: pipeline.path) {
            result.kept.append("pipeline.yaml")
        } else {
            do {
                try Self.template.write(to: pipeline, atomically: true, encoding: .utf8)
                result.created.append("pipeline.yaml")
            } catch {
                throw PipelineError(file: pipeline.path, "cannot write the pipeline: \(error.localizedDescription)")
            }
        }
        for folder in ["exports", "out"] {
            try? FileManager.default.createDirectory(
                at: directory.appendingPathComponent(folder), withIntermediateDirectories: true)
        }
        return result
    }

    static let template = """
        # atbalsts pipeline: put the survey exports into exports/ and list them below.
        wave: 2026-27-autumn           # school year and term: autumn or spring
        database: atbalsts.sqlite
        seeds: seeds
        pseudonym_key: atbalsts.key    # keep it: it links the same teacher across waves
        sources:
          - file: exports/needs-survey.csv
            kind: needs
            instrument: needs-v1
            format: auto               # auto | google-forms | ms-forms | limesurvey | generic
            encoding: auto             # auto | utf-8 | utf-16 | windows-1257 | windows-1252
            columns: {}                # item id -> header text, LimeSurvey code or /regex/
            labels: {}                 # scale id -> { "answer label": value }
        outputs:
          directory: out
          council_workbook: true
          institution_workbooks: true
          language: lv                 # lv | en
        settings:
          min_group_size: 5
          high_need_breadth_threshold: 0.25
          priority_weights: { high_need: 0.4, intensity: 0.2, gap: 0.2, breadth: 0.1, trend: 0.1 }

        """
}
