// swift-tools-version: 6.0
import PackageDescription

// Stages follow the data flow: ingest → store → score → report (STYLE.md). Each arrow is a target,
// and nothing flows backwards: Reports never parses CSV, Scoring never touches libxlsxwriter.
// Linux (Debian 12) only: the system libraries come from apt, and no other platform is tested.
let package = Package(
    name: "atbalsts",
    products: [
        .executable(name: "atbalsts", targets: ["atbalsts"]),
        .library(name: "AtbalstsPipeline", targets: ["Pipeline"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.19"),
    ],
    targets: [
        .systemLibrary(
            name: "CXlsxWriter", pkgConfig: "xlsxwriter",
            providers: [.apt(["libxlsxwriter-dev"])]),
        .systemLibrary(
            name: "COpenSSL", pkgConfig: "libcrypto",
            providers: [.apt(["libssl-dev"])]),
        .systemLibrary(
            name: "CSQLiteSettings",
            providers: [.apt(["libsqlite3-dev"])]),
        .target(name: "CByteScan"),
        .target(name: "CFileMap"),
        .target(name: "AtbalstsCore"),
        .target(name: "Ingest", dependencies: ["AtbalstsCore", "CByteScan", "CFileMap", "COpenSSL", "ZIPFoundation"]),
        .target(
            name: "Store",
            dependencies: [
                "AtbalstsCore", .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"), "CSQLiteSettings",
            ]),
        .target(name: "Scoring", dependencies: ["AtbalstsCore"]),
        .target(name: "XLSX", dependencies: ["CXlsxWriter", "ZIPFoundation"]),
        .target(name: "Reports", dependencies: ["AtbalstsCore", "Scoring", "XLSX"]),
        .target(
            name: "Pipeline",
            dependencies: ["AtbalstsCore", "Ingest", "Store", "Scoring", "Reports", "Yams"]),
        .executableTarget(
            name: "atbalsts",
            dependencies: [
                "Pipeline", .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        .target(name: "TestSupport", dependencies: ["ZIPFoundation"], path: "Tests/TestSupport"),
        .testTarget(name: "IngestTests", dependencies: ["Ingest", "TestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "ScoringTests", dependencies: ["Scoring", "AtbalstsCore", "TestSupport"]),
        .testTarget(name: "XLSXTests", dependencies: ["XLSX", "TestSupport"]),
        .testTarget(
            name: "PipelineTests",
            dependencies: [
                "Pipeline", "Store", "Ingest", "Reports", "Scoring", "AtbalstsCore", "TestSupport",
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            exclude: ["Fixtures"]),
    ]
)
