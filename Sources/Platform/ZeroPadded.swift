package extension BinaryInteger {
    /// The digits of the value in `radix`, with zeros in front to at least `width` characters:
    /// `7.zeroPadded(to: 2)` is `07`, `255.zeroPadded(to: 4, radix: 16)` is `00ff`.
    func zeroPadded(to width: Int, radix: Int = 10, uppercase: Bool = false) -> String {
        let digits = String(self, radix: radix, uppercase: uppercase)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
