extension AhoCorasick {
    /// The byte-level automaton: byte classes, transitions (dense or sparse) and outputs.
    struct Automaton: Sendable {
        /// Largest dense table, in cells (4 bytes each): 4 Mi cells = 16 MiB.
        static let denseCellLimit = 1 << 22

        /// Byte → class; class 0 holds every byte no pattern uses.
        let classOf: [UInt16]
        let classCount: Int
        let stateCount: Int
        let isDense: Bool
        /// Dense: `delta[state * classCount + class]`, failure transitions folded in.
        let delta: [Int32]
        /// Sparse: trie edges of state `s` are `edgeClass/edgeTarget[edgeStart[s]..<edgeStart[s+1]]`,
        /// sorted by class; missing edges follow `fail`; the root has a dense row.
        let edgeStart: [Int32]
        let edgeClass: [UInt16]
        let edgeTarget: [Int32]
        let fail: [Int32]
        let rootRow: [Int32]
        /// Patterns ending exactly at state `s`: `outputs[outputStart[s]..<outputStart[s+1]]`.
        let outputStart: [Int32]
        let outputs: [Int32]
        /// Nearest proper suffix state with outputs of its own, or -1.
        let outputLink: [Int32]
        /// Length in (folded) bytes of each pattern.
        let patternLengths: [Int]

        init(patterns: [[UInt8]], asciiCaseInsensitive: Bool, denseCellLimit: Int) {
            // Byte classes.
            var used = [Bool](repeating: false, count: 256)
            for pattern in patterns { for byte in pattern { used[Int(byte)] = true } }
            var classes = [UInt16](repeating: 0, count: 256)
            var count = 1
            for byte in 0..<256 where used[byte] {
                classes[byte] = UInt16(count)
                count += 1
            }
            if asciiCaseInsensitive {
                for upper in 0x41...0x5A { classes[upper] = classes[upper + 0x20] }
            }
            classOf = classes
            classCount = count
            patternLengths = patterns.map(\.count)

            // Trie.
            var children: [[(UInt16, Int32)]] = [[]]
            var own: [[Int32]] = [[]]
            for (index, pattern) in patterns.enumerated() where !pattern.isEmpty {
                var state = 0
                for byte in pattern {
                    let cls = classes[Int(byte)]
                    if let next = children[state].first(where: { $0.0 == cls })?.1 {
                        state = Int(next)
                    } else {
                        children.append([])
                        own.append([])
                        let next = Int32(children.count - 1)
                        children[state].append((cls, next))
                        state = Int(next)
                    }
                }
                own[state].append(Int32(index))
            }
            let states = children.count
            stateCount = states

            // Failure and output links, breadth first.
            var failLinks = [Int32](repeating: 0, count: states)
            var links = [Int32](repeating: -1, count: states)
            var order: [Int] = [0]
            order.reserveCapacity(states)
            var head = 0
            func child(_ state: Int, _ cls: UInt16) -> Int32? { children[state].first(where: { $0.0 == cls })?.1 }
            while head < order.count {
                let state = order[head]
                head += 1
                for (cls, target) in children[state] {
                    let t = Int(target)
                    if state != 0 {
                        var f = Int(failLinks[state])
                        while f != 0 && child(f, cls) == nil { f = Int(failLinks[f]) }
                        failLinks[t] = child(f, cls) ?? 0
                    }
                    let f = Int(failLinks[t])
                    links[t] = own[f].isEmpty ? links[f] : Int32(f)
                    order.append(t)
                }
            }
            fail = failLinks
            outputLink = links

            var starts: [Int32] = [0]
            var flat: [Int32] = []
            for list in own {
                flat.append(contentsOf: list)
                starts.append(Int32(flat.count))
            }
            outputStart = starts
            outputs = flat

            // Transitions.
            var root = [Int32](repeating: 0, count: count)
            for (cls, target) in children[0] { root[Int(cls)] = target }
            rootRow = root
            isDense = states * count <= denseCellLimit
            if isDense {
                var table = [Int32](repeating: 0, count: states * count)
                for state in order {
                    let row = state * count
                    if state != 0 {
                        let failRow = Int(failLinks[state]) * count
                        for cls in 0..<count { table[row + cls] = table[failRow + cls] }
                    } else {
                        for cls in 0..<count { table[cls] = root[cls] }
                    }
                    for (cls, target) in children[state] { table[row + Int(cls)] = target }
                }
                delta = table
                edgeStart = []
                edgeClass = []
                edgeTarget = []
            } else {
                var startList: [Int32] = [0]
                var classList: [UInt16] = []
                var targetList: [Int32] = []
                for edges in children {
                    for (cls, target) in edges.sorted(by: { $0.0 < $1.0 }) {
                        classList.append(cls)
                        targetList.append(target)
                    }
                    startList.append(Int32(classList.count))
                }
                delta = []
                edgeStart = startList
                edgeClass = classList
                edgeTarget = targetList
            }
        }

        /// Runs the automaton over `bytes`, calling `report(end, pattern)` for every match.
        func search(_ bytes: UnsafeBufferPointer<UInt8>, report: (Int, Int) -> Void) {
            guard isDense else {
                var state = 0
                for i in 0..<bytes.count {
                    state = sparseNext(state, Int(classOf[Int(bytes[i])]))
                    reportOutputs(of: state, end: i + 1, report)
                }
                return
            }
            classOf.withUnsafeBufferPointer { classes in
                delta.withUnsafeBufferPointer { table in
                    outputStart.withUnsafeBufferPointer { starts in
                        let width = classCount
                        var state = 0
                        for i in 0..<bytes.count {
                            state = Int(table[state &* width &+ Int(classes[Int(bytes[i])])])
                            // A state reports if it has outputs of its own or an output link.
                            if starts[state] != starts[state &+ 1] || outputLink[state] >= 0 {
                                reportOutputs(of: state, end: i + 1, report)
                            }
                        }
                    }
                }
            }
        }

        /// Reports the patterns ending at `state`: its own, then those along its output links.
        private func reportOutputs(of state: Int, end: Int, _ report: (Int, Int) -> Void) {
            var s = state
            if outputStart[s] == outputStart[s + 1] { s = Int(outputLink[s]) }
            while s > 0 {
                for k in Int(outputStart[s])..<Int(outputStart[s + 1]) { report(end, Int(outputs[k])) }
                s = Int(outputLink[s])
            }
        }

        private func sparseNext(_ state: Int, _ cls: Int) -> Int {
            var s = state
            while s != 0 {
                let lower = Int(edgeStart[s])
                let upper = Int(edgeStart[s + 1])
                if upper - lower <= 8 {
                    for k in lower..<upper where Int(edgeClass[k]) == cls { return Int(edgeTarget[k]) }
                } else {
                    var low = lower
                    var high = upper
                    while low < high {
                        let mid = (low + high) / 2
                        if Int(edgeClass[mid]) < cls { low = mid + 1 } else { high = mid }
                    }
                    if low < upper, Int(edgeClass[low]) == cls { return Int(edgeTarget[low]) }
                }
                s = Int(fail[s])
            }
            return Int(rootRow[cls])
        }
    }
}
