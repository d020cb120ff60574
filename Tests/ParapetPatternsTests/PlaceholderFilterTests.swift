import ParapetTestSupport
import Testing

@testable import ParapetPatterns

/// The one-pass, pair-filtered marker search must answer as the plain search it replaced: is any
/// marker a substring of the ASCII-lower-cased value?
@Suite struct PlaceholderFilterTests {
    static let alphabet = Array("aeixyz*._-(EXAMPLEchangeYourKEYtodo$ env[]".utf8)

    @Test func markerSearchAgreesWithANaiveSearch() {
        var random = SeededGenerator(seed: 0x2545_F491_4F6C_DD1D)
        func next(_ bound: Int) -> Int { Int.random(in: 0..<bound, using: &random) }
        let markers = PlaceholderFilter.markers.map { Array($0.utf8) }
        var hits = 0
        for _ in 0..<20_000 {
            var value: [UInt8] = (0..<next(24)).map { _ in Self.alphabet[next(Self.alphabet.count)] }
            if next(4) == 0 {
                let marker = markers[next(markers.count)].map { next(2) == 0 ? $0 : asciiUpper($0) }
                value.insert(contentsOf: marker, at: next(value.count + 1))
            }
            let lowered = value.map(asciiLower)
            let naive = markers.contains { marker in
                lowered.count >= marker.count
                    && (0...(lowered.count - marker.count)).contains { lowered[$0..<($0 + marker.count)].elementsEqual(marker) }
            }
            let fast = value.withUnsafeBufferPointer { PlaceholderFilter.containsMarker($0) }
            #expect(fast == naive, "\(String(decoding: value, as: UTF8.self))")
            if naive { hits += 1 }
        }
        #expect(hits > 2_000)
    }
}
