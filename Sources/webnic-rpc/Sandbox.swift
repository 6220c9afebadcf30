/// The settings of `--sandbox`.
enum Sandbox {
    /// The base URL shown in sandbox dry runs: a reserved `.invalid` name, so it is plainly not WebNIC.
    static let baseURL = "https://sandbox.webnic-rpc.invalid"
}
