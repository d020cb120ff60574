import Foundation

extension SafetensorsFile {
    struct ParsedHeader {
        var tensors: [String: TensorInfo]
        var metadata: [String: String]
        var dataStart: Int
    }

    /// Parses and validates the header of `bytes`; never reads outside them.
    static func parseHeader(_ bytes: UnsafeRawBufferPointer, path: String) throws(EncoderError) -> ParsedHeader {
        guard bytes.count >= 8 else {
            throw EncoderError(.truncated, "file is \(bytes.count) bytes, shorter than the 8-byte header length", path: path, offset: 0)
        }
        let n64 = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: 0, as: UInt64.self))
        guard n64 <= UInt64(maxHeaderSize) else {
            throw EncoderError(.badHeader, "header length \(n64) exceeds \(maxHeaderSize)", path: path, offset: 0)
        }
        let n = Int(n64)
        guard n <= bytes.count - 8 else {
            throw EncoderError(.truncated, "header length \(n) runs past the end of the \(bytes.count)-byte file", path: path, offset: 8)
        }
        let dataStart = 8 + n
        let dataSize = bytes.count - dataStart
        let json = Data(UnsafeRawBufferPointer(rebasing: bytes[8..<dataStart]))
        guard let object = JSONValue.parse(json) else {
            throw EncoderError(.badHeader, "header is not valid JSON", path: path, offset: 8)
        }
        guard case .object(let root) = object else {
            throw EncoderError(.badHeader, "header is not a JSON object", path: path, offset: 8)
        }
        var tensors: [String: TensorInfo] = [:]
        var metadata: [String: String] = [:]
        for (name, value) in root {
            if name == "__metadata__" {
                guard case .object(let map) = value else {
                    throw EncoderError(.badHeader, "__metadata__ is not an object", path: path, offset: 8)
                }
                for (k, v) in map {
                    guard case .string(let s) = v else {
                        throw EncoderError(.badHeader, "__metadata__ value for \(k) is not a string", path: path, offset: 8)
                    }
                    metadata[k] = s
                }
                continue
            }
            tensors[name] = try parseEntry(name: name, value: value, dataSize: dataSize, path: path)
        }
        // Overlaps: sorted by start, each tensor must end before the next begins.
        let sorted = tensors.values.sorted { ($0.range.lowerBound, $0.range.upperBound, $0.name) < ($1.range.lowerBound, $1.range.upperBound, $1.name) }
        for (a, b) in zip(sorted, sorted.dropFirst()) where b.range.lowerBound < a.range.upperBound {
            throw EncoderError(.overlap, "overlaps tensor \(a.name)", path: path, tensor: b.name, offset: dataStart + b.range.lowerBound)
        }
        return ParsedHeader(tensors: tensors, metadata: metadata, dataStart: dataStart)
    }

    private static func parseEntry(name: String, value: JSONValue, dataSize: Int, path: String) throws(EncoderError) -> TensorInfo {
        guard case .object(let entry) = value else {
            throw EncoderError(.badHeader, "entry is not an object", path: path, tensor: name)
        }
        guard case .string(let dtypeText)? = entry["dtype"] else {
            throw EncoderError(.badHeader, "dtype missing or not a string", path: path, tensor: name)
        }
        guard let dtype = DType(rawValue: dtypeText) else {
            throw EncoderError(.unsupportedDType, "dtype \(dtypeText) is not a safetensors dtype this reader knows", path: path, tensor: name)
        }
        guard case .array(let shapeValues)? = entry["shape"], case .array(let offsetValues)? = entry["data_offsets"], offsetValues.count == 2 else {
            throw EncoderError(.badHeader, "shape or data_offsets missing or malformed", path: path, tensor: name)
        }
        var shape: [Int] = []
        var count = 1
        for v in shapeValues {
            guard let d = v.exactInt, d >= 0 else {
                throw EncoderError(.badHeader, "shape holds a value that is not a non-negative integer", path: path, tensor: name)
            }
            let (product, overflow) = count.multipliedReportingOverflow(by: d)
            guard !overflow, product <= dataSize else {
                throw EncoderError(.badOffsets, "shape \(shape + [d]) is larger than the data section", path: path, tensor: name)
            }
            count = product
            shape.append(d)
        }
        guard let begin = offsetValues[0].exactInt, let end = offsetValues[1].exactInt, begin >= 0, begin <= end, end <= dataSize else {
            throw EncoderError(.badOffsets, "data_offsets outside the \(dataSize)-byte data section", path: path, tensor: name)
        }
        guard end - begin == count * dtype.size else {
            throw EncoderError(.badOffsets, "\(end - begin) bytes for \(count) \(dtype.rawValue) elements", path: path, tensor: name, offset: begin)
        }
        return TensorInfo(name: name, dtype: dtype, shape: shape, range: begin..<end)
    }
}
