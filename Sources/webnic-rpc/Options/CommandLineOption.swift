/// One option of the command line: its flags, the value it takes, what `--help` says of it, and
/// what it sets. `CommandLineOption.all` is the one table the parser, the defaults shown and
/// `--help` all come from.
struct CommandLineOption {
    /// The commands an option belongs to.
    enum Scope: Equatable {
        /// Every command.
        case everyCommand
        /// Only `webnic-rpc call`; `example` is a value shown when it is given elsewhere.
        case call(example: String)
        /// Only `webnic-rpc doctor`.
        case doctor
    }

    /// The flags, the first the one `--help` lists first (`--help`, `-h`).
    let flags: [String]
    /// The value's placeholder in `--help` (`SECONDS`), or nil for a switch.
    let value: String?
    /// What the option does, for `--help`: sentences, without the default.
    let help: String
    /// The default as `--help` shows it (`30`, `$WEBNIC_ENV, else ote`), or nil.
    let shownDefault: String?
    /// The commands it belongs to.
    let scope: Scope
    /// Sets the option from its value (the empty string for a switch).
    let apply: (inout CommandLineOptions, String) throws(UsageError) -> Void
}

extension CommandLineOption {
    /// A switch: given, it sets `keyPath` to true.
    static func flag(
        _ flags: String..., scope: Scope = .everyCommand, help: String, variable: EnvironmentVariable? = nil,
        sets keyPath: WritableKeyPath<CommandLineOptions, Bool>
    ) -> CommandLineOption {
        CommandLineOption(flags: flags, value: nil, help: help, shownDefault: variable.map { "on when \($0.reference) is 1 or true" }, scope: scope) { options, _ in
            options[keyPath: keyPath] = true
        }
    }

    /// A whole number in `range`, its default the one `CommandLineOptions` starts with.
    static func integer(
        _ flag: String, help: String, range: ClosedRange<Int>, sets keyPath: WritableKeyPath<CommandLineOptions, Int>
    ) -> CommandLineOption {
        CommandLineOption(
            flags: [flag], value: "N", help: "\(help): \(range.lowerBound) to \(range.upperBound)", shownDefault: String(CommandLineOptions()[keyPath: keyPath]),
            scope: .everyCommand
        ) { options, text throws(UsageError) in
            guard let number = Int(text), range.contains(number) else {
                throw UsageError("\(flag) expects a whole number from \(range.lowerBound) to \(range.upperBound), got \(text.debugDescription).")
            }
            options[keyPath: keyPath] = number
        }
    }

    /// Seconds in `range`, its default the one `CommandLineOptions` starts with.
    static func seconds(
        _ flag: String, help: String, range: ClosedRange<Double>, sets keyPath: WritableKeyPath<CommandLineOptions, Double>
    ) -> CommandLineOption {
        let bounds = "\(format(range.lowerBound)) to \(format(range.upperBound))"
        return CommandLineOption(
            flags: [flag], value: "SECONDS", help: "\(help): \(bounds)", shownDefault: format(CommandLineOptions()[keyPath: keyPath]),
            scope: .everyCommand
        ) { options, text throws(UsageError) in
            guard let number = Double(text), number.isFinite, range.contains(number) else {
                throw UsageError("\(flag) expects seconds from \(bounds), got \(text.debugDescription).")
            }
            options[keyPath: keyPath] = number
        }
    }

    /// One of `choices` (their names, as `--help` lists them), read by `make`.
    static func choice<Value>(
        _ flag: String, value: String, scope: Scope = .everyCommand, help: String, shownDefault: String?, choices: [String],
        make: @escaping (String) -> Value?, sets keyPath: WritableKeyPath<CommandLineOptions, Value>
    ) -> CommandLineOption {
        CommandLineOption(flags: [flag], value: value, help: help, shownDefault: shownDefault, scope: scope) { options, text throws(UsageError) in
            guard let chosen = make(text) else {
                throw UsageError("\(flag) expects \(listed(choices, last: "or")), got \(text.debugDescription).")
            }
            options[keyPath: keyPath] = chosen
        }
    }

    /// Any text (a URL, a template), kept as given.
    static func text(
        _ flag: String, value: String, help: String, shownDefault: String?, sets keyPath: WritableKeyPath<CommandLineOptions, String?>
    ) -> CommandLineOption {
        CommandLineOption(flags: [flag], value: value, help: help, shownDefault: shownDefault, scope: .everyCommand) { options, text in
            options[keyPath: keyPath] = text
        }
    }

    /// A file or directory path: not empty.
    static func path(
        _ flag: String, value: String = "PATH", help: String, shownDefault: String?, sets keyPath: WritableKeyPath<CommandLineOptions, String?>
    ) -> CommandLineOption {
        CommandLineOption(flags: [flag], value: value, help: help, shownDefault: shownDefault, scope: .everyCommand) { options, text throws(UsageError) in
            guard !text.isEmpty else { throw UsageError("\(flag) expects a file path.") }
            options[keyPath: keyPath] = text
        }
    }

    /// `items` joined with commas, `last` before the last one: `json or text`, `a, b or c`.
    static func listed(_ items: [String], last: String) -> String {
        guard items.count > 1 else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + " \(last) " + (items.last ?? "")
    }

    /// `seconds` without a needless fraction: 3600, 0.001.
    static func format(_ seconds: Double) -> String {
        seconds == seconds.rounded() ? String(Int(seconds)) : String(seconds)
    }
}
