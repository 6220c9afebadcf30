/// Random identifiers: 128 bits from the system generator as 32 lowercase hexadecimal digits,
/// for audit ids and the state of a held approval.
package enum RandomID {
    package static func make() -> String {
        var generator = SystemRandomNumberGenerator()
        return [generator.next() as UInt64, generator.next() as UInt64].map { $0.zeroPadded(to: 16, radix: 16) }.joined()
    }
}
