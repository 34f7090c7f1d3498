// swift-tools-version:6.1
import PackageDescription

/// Settings every Swift target shares: Swift 6 mode plus the upcoming features
/// that keep imports and existentials explicit.
let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "Earshot",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "earshot", targets: ["earshot"]),
        .executable(name: "earshot-bench", targets: ["EarshotBench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.3"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.34.1"),
        // Only FullFoundation: the workspace is configured in code, so swift-configuration is not needed.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: ["FullFoundation"]),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
    ],
    targets: [
        // C libraries: system-library targets plus small shims for what Swift cannot call.
        .systemLibrary(
            name: "CCurl",
            pkgConfig: "libcurl",
            providers: [.apt(["libcurl4-openssl-dev"])]
        ),
        .target(name: "CCurlShims", dependencies: ["CCurl"]),
        .systemLibrary(
            name: "CXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        .target(name: "CXML2Shims", dependencies: ["CXML2"]),
        .systemLibrary(
            name: "CSQLite",
            pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"])]
        ),

        // Rooms. Pure rooms depend on Model only; edges touch the world.
        .target(name: "Model", swiftSettings: swiftSettings),
        .target(
            name: "Fetching",
            dependencies: ["Model", "CCurl", "CCurlShims"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "Parsing",
            dependencies: ["Model", "CXML2", "CXML2Shims"],
            swiftSettings: swiftSettings
        ),
        .target(name: "Mentions", dependencies: ["Model"], swiftSettings: swiftSettings),
        .target(
            name: "Sentiment",
            dependencies: ["Model"],
            resources: [.copy("Resources")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "Workflow",
            dependencies: ["Model"],
            resources: [.copy("Resources")],
            swiftSettings: swiftSettings
        ),
        .target(name: "Scheduling", dependencies: ["Model"], swiftSettings: swiftSettings),
        .target(name: "Recipes", dependencies: ["Model"], swiftSettings: swiftSettings),
        .target(
            name: "Sourcing",
            dependencies: ["Model", "Fetching", "Parsing", "Mentions", "Recipes"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "Templating",
            dependencies: ["Model", .product(name: "Mustache", package: "swift-mustache")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "Digest",
            dependencies: ["Model", "Templating"],
            resources: [.copy("Templates")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "Storage",
            dependencies: [
                "Model", "CSQLite",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "Mailing",
            dependencies: ["CCurl", "CCurlShims"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "Settings",
            dependencies: [
                "Model", "Mentions", "Workflow", "Fetching", "Parsing", "Mailing", "Scheduling", "Recipes", "Storage",
                .product(name: "TOMLKit", package: "TOMLKit"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(name: "Casework", dependencies: ["Model", "Workflow", "Sentiment", "Storage"], swiftSettings: swiftSettings),
        .target(
            name: "Notifications",
            dependencies: [
                "Model", "Settings", "Mailing", "Storage", "Workflow",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "Scanning",
            dependencies: [
                "Model", "Fetching", "Parsing", "Mentions", "Sentiment", "Workflow",
                "Scheduling", "Storage",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "EarshotCLI",
            dependencies: [
                "Model", "Settings", "Scanning", "Storage", "Digest", "Workflow", "Mailing", "Notifications", "Casework",
                "Workspace", "Recipes", "Sourcing", "Fetching", "Parsing", "Mentions",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "Workspace",
            dependencies: [
                "Model", "Storage", "Workflow", "Sentiment", "Settings", "Digest", "Casework", "Templating",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
            ],
            resources: [.copy("Templates")],
            swiftSettings: swiftSettings
        ),
        .executableTarget(name: "earshot", dependencies: ["EarshotCLI"], swiftSettings: swiftSettings),
        // Timing of the judgement and matching, for scripts/bench-judgement; not part of the product.
        .executableTarget(
            name: "EarshotBench",
            dependencies: [
                "Sentiment", "Mentions", "Settings",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings
        ),

        // Tests: one target per room, plus shared loopback servers and fixtures.
        .target(
            name: "TestSupport",
            dependencies: ["Model", "Storage"],
            path: "Tests/TestSupport",
            resources: [.copy("Fixtures")],
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "ModelTests", dependencies: ["Model"], swiftSettings: swiftSettings),
        .testTarget(
            name: "TemplatingTests",
            dependencies: ["Templating"],
            resources: [.copy("Fixtures")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "FetchingTests",
            dependencies: ["Fetching", "TestSupport"],
            resources: [.copy("Fixtures")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ParsingTests",
            dependencies: ["Parsing", "TestSupport"],
            resources: [.copy("Fixtures")],
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "MentionsTests", dependencies: ["Mentions"], swiftSettings: swiftSettings),
        .testTarget(name: "SentimentTests", dependencies: ["Sentiment"], swiftSettings: swiftSettings),
        .testTarget(name: "WorkflowTests", dependencies: ["Workflow"], swiftSettings: swiftSettings),
        .testTarget(name: "SchedulingTests", dependencies: ["Scheduling"], swiftSettings: swiftSettings),
        .testTarget(name: "RecipesTests", dependencies: ["Recipes", "TestSupport"], swiftSettings: swiftSettings),
        .testTarget(
            name: "SourcingTests",
            dependencies: ["Sourcing", "Recipes", "Fetching", "Parsing", "Mentions", "Model", "TestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "NotificationsTests",
            dependencies: [
                "Notifications", "Settings", "Storage", "Mailing", "TestSupport",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "CaseworkTests",
            dependencies: ["Casework", "Sentiment", "Workflow", "Storage", "TestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "EarshotBenchTests", dependencies: ["TestSupport"], swiftSettings: swiftSettings),
        .testTarget(name: "DigestTests", dependencies: ["Digest", "Workflow"], swiftSettings: swiftSettings),
        .testTarget(
            name: "MailingTests",
            dependencies: ["Mailing", "TestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "StorageTests",
            dependencies: ["Storage", "Workflow", "TestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "SettingsTests",
            dependencies: ["Settings", "Mentions", "Workflow", "Scheduling", "Fetching", "Parsing", "Recipes", "TestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ScanningTests",
            dependencies: [
                "Scanning", "Settings", "Storage", "Fetching", "Mentions", "Sentiment", "Workflow", "Scheduling",
                "TestSupport", .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "EarshotCLITests",
            dependencies: ["EarshotCLI", "Storage", "Model", "TestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "WorkspaceTests",
            dependencies: [
                "Workspace", "Storage", "Model", "Settings", "Workflow", "TestSupport",
            ],
            swiftSettings: swiftSettings
        ),
    ],
    swiftLanguageModes: [.v6]
)
