// swift-tools-version: 6.1
import PackageDescription

/// Settings every Swift target shares: Swift 6 mode with upcoming features that keep
/// dependencies explicit (swift-log's Package.swift does the same).
let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "Parapet",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "Parapet", targets: ["Parapet"]),
        .library(name: "ParapetTesting", targets: ["ParapetTesting"]),
        .executable(name: "parapet", targets: ["parapet"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        // Hummingbird's HTTP/1 pipeline parts and codec (the proxy's own channel handlers use them).
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.35.2"),
    ],
    targets: [
        // Pure Swift: no C modules of ours, no I/O.
        .target(
            name: "ParapetCore",
            dependencies: [.product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: swiftSettings
        ),

        // PCRE2: system library + a safe wrapper.
        .systemLibrary(
            name: "CPCRE2",
            pkgConfig: "libpcre2-8",
            providers: [.apt(["libpcre2-dev"]), .brew(["pcre2"])]
        ),
        .target(name: "ParapetRegex", dependencies: ["CPCRE2"], swiftSettings: swiftSettings),

        // The prefilter's byte walk (AVX2 chosen at run time, portable C fallback); internal to
        // ParapetPatterns, no unsafe flags.
        .target(name: "CParapetScan"),
        // Pattern scanners (PII and secrets) with YAML catalogs.
        .target(
            name: "ParapetPatterns",
            dependencies: [
                "ParapetCore", "ParapetRegex", "CParapetScan", "Yams", .product(name: "Crypto", package: "swift-crypto"),
            ],
            resources: [.copy("Catalog")],
            swiftSettings: swiftSettings
        ),

        // Transformer encoder on OpenBLAS.
        .systemLibrary(
            name: "COpenBLAS",
            pkgConfig: "openblas",
            providers: [.apt(["libopenblas-dev"]), .brew(["openblas"])]
        ),
        // The encoder's own GEMM / attention kernels (AVX2+FMA chosen at run time, portable C
        // fallback); internal to ParapetEncoder, no unsafe flags.
        .target(name: "CParapetKernels"),
        .target(
            name: "ParapetEncoder",
            dependencies: ["ParapetCore", "COpenBLAS", "CParapetKernels", .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: swiftSettings
        ),

        // Policies: YAML -> document -> compiled policy.
        .target(
            name: "ParapetPolicy",
            dependencies: ["ParapetCore", "Yams", .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: swiftSettings
        ),

        // Audit trail: versioned decision events, hash-chained, in SQLite, PostgreSQL or JSONL.
        .target(
            name: "ParapetAudit",
            dependencies: [
                "ParapetCore",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),

        // The umbrella users import.
        .target(
            name: "Parapet",
            dependencies: ["ParapetCore", "ParapetRegex", "ParapetPatterns", "ParapetEncoder", "ParapetPolicy", "ParapetAudit"],
            swiftSettings: swiftSettings
        ),

        // OpenAI-compatible guard proxy (Hummingbird) and its upstream client (AsyncHTTPClient).
        .target(
            name: "ParapetServer",
            dependencies: [
                "Parapet",
                "ParapetAudit",
                "ParapetEncoder",
                "Yams",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "NIOHTTPTypesHTTP1", package: "swift-nio-extras"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(name: "ParapetTesting", dependencies: ["Parapet"], swiftSettings: swiftSettings),
        // Test-only helpers with no dependencies (a seeded generator for property tests).
        .target(name: "ParapetTestSupport", swiftSettings: swiftSettings),

        .executableTarget(
            name: "parapet",
            dependencies: [
                "Parapet", "ParapetEncoder", "ParapetAudit", "ParapetServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),

        // Side-by-side encoder benchmark (Benchmarks/encoder_bench.py drives it).
        .executableTarget(
            name: "parapet-encoder-bench",
            dependencies: ["ParapetEncoder"],
            path: "Benchmarks/EncoderBench",
            swiftSettings: swiftSettings
        ),

        // Encoder pass vs the default policy (patterns + classifier) on one prompt.
        .executableTarget(
            name: "parapet-classifier-bench",
            dependencies: ["ParapetCore", "ParapetPolicy", "ParapetPatterns", "ParapetEncoder"],
            path: "Benchmarks/ClassifierBench",
            swiftSettings: swiftSettings
        ),

        // Audit sink throughput: sustained durable events/s per store (Benchmarks/AuditBench).
        .executableTarget(
            name: "parapet-audit-bench",
            dependencies: ["ParapetAudit"],
            path: "Benchmarks/AuditBench",
            swiftSettings: swiftSettings
        ),

        // The proxy's HTTP path alone (Hummingbird in, AsyncHTTPClient out, no guard), for
        // Benchmarks/proxy_bench/bench.sh --floor.
        .executableTarget(
            name: "parapet-proxy-floor",
            dependencies: [
                "ParapetServer",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            path: "Benchmarks/ProxyFloor",
            swiftSettings: swiftSettings
        ),

        .testTarget(name: "ParapetCoreTests", dependencies: ["ParapetCore", "ParapetTestSupport"], swiftSettings: swiftSettings),
        .testTarget(name: "ParapetRegexTests", dependencies: ["ParapetRegex", "ParapetTestSupport"], swiftSettings: swiftSettings),
        .testTarget(
            name: "ParapetPatternsTests",
            dependencies: ["ParapetPatterns", "ParapetTestSupport"],
            resources: [.copy("Fixtures")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ParapetPolicyTests",
            dependencies: ["ParapetPolicy", "ParapetTesting", "ParapetTestSupport"],
            resources: [.copy("Fixtures")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ParapetEncoderTests",
            dependencies: ["ParapetEncoder", "ParapetTestSupport"],
            resources: [.copy("Fixtures")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ParapetAuditTests",
            dependencies: [
                "ParapetAudit", "ParapetTestSupport", .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ParapetServerTests",
            dependencies: [
                "ParapetServer", "ParapetTesting",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "NIOHTTPTypesHTTP1", package: "swift-nio-extras"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "ParapetTests", dependencies: ["Parapet", "ParapetTesting"], swiftSettings: swiftSettings),
        .testTarget(name: "parapetTests", dependencies: ["parapet"], swiftSettings: swiftSettings),
    ]
)
