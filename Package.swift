// swift-tools-version:6.0
import PackageDescription

/// The executables allocate through mimalloc (Debian's libmimalloc-dev): linked ahead of the C library, its
/// malloc and free serve the whole process, libxml2 and SQLite included. A report is hundreds of small nodes
/// made and freed; with glibc's allocator a batch spent about 12% more instructions (`insource-bench`, callgrind).
let mimalloc = LinkerSetting.linkedLibrary("mimalloc")

let package = Package(
    name: "Insource",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "insource", targets: ["InsourceCLI"]),
        .executable(name: "insource-bench", targets: ["InsourceBenchmarks"]),
        .library(name: "RuleExpressions", targets: ["RuleExpressions"]),
        .library(name: "Assessment", targets: ["Assessment"]),
        .library(name: "Reporting", targets: ["Reporting"]),
        .library(name: "History", targets: ["History"]),
        .library(name: "Batch", targets: ["Batch"]),
        .library(name: "Mail", targets: ["Mail"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.2"),
        .package(url: "https://github.com/apple/swift-crypto", "3.12.3"..<"5.0.0"),
    ],
    targets: [
        // The rule language: lexer, parser, type checker, compiled evaluator. Standard library only.
        .target(name: "RuleExpressions"),
        // Rubrics, questionnaires, located diagnostics, scoring.
        .target(
            name: "Assessment",
            dependencies: [
                "RuleExpressions", "Yams", .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "CSV", package: "CSV.swift"),
            ]
        ),
        // libxml2 through pkg-config (its headers live in /usr/include/libxml2); see Sources/CLibXML2/shim.h.
        .systemLibrary(
            name: "CLibXML2", pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"]), .brew(["libxml2"])]
        ),
        // Reports: HTML built as a libxml2 tree from the template in Reports/, and Markdown walked from that tree.
        .target(name: "Reporting", dependencies: ["Assessment", "CLibXML2"]),
        // libsqlite3 through pkg-config; only the History target imports it (internally).
        .systemLibrary(
            name: "CSQLite", pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"]), .brew(["sqlite"])]
        ),
        // The assessment history: a small SQLite wrapper of our own, migrations, recording and queries.
        .target(name: "History", dependencies: ["Assessment", "CSQLite"]),
        // Many questionnaires at once: worker threads, a bounded reorder window, one ordered committer, resume.
        .target(name: "Batch", dependencies: ["Assessment", "Reporting", "History"]),
        // libcurl through pkg-config, for its SMTP client (STARTTLS, AUTH, dot-stuffing); see Sources/CCurl/shim.h.
        .systemLibrary(
            name: "CCurl", pkgConfig: "libcurl",
            providers: [.apt(["libcurl4-openssl-dev"]), .brew(["curl"])]
        ),
        // Reports as e-mail: MIME messages, settings, delivery over SMTP with a delivery log in the history.
        .target(name: "Mail", dependencies: ["Assessment", "History", "CCurl"]),
        .executableTarget(
            name: "InsourceCLI",
            dependencies: [
                "Assessment", "RuleExpressions", "Reporting", "History", "Batch", "Mail",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            linkerSettings: [mimalloc]
        ),
        // `swift run -c release insource-bench`: medians of the figures the issues ask for.
        .executableTarget(
            name: "InsourceBenchmarks", dependencies: ["Assessment", "RuleExpressions", "Reporting", "History"],
            linkerSettings: [mimalloc]
        ),

        // What several test targets share: a seeded generator for random cases.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "RuleExpressionsTests", dependencies: ["RuleExpressions", "TestSupport"]),
        .testTarget(name: "AssessmentTests", dependencies: ["Assessment", "RuleExpressions", "TestSupport"], resources: [.copy("Fixtures")]),
        .testTarget(name: "ReportingTests", dependencies: ["Reporting", "Assessment", "TestSupport"]),
        .testTarget(name: "HistoryTests", dependencies: ["History", "Assessment"]),
        .testTarget(name: "BatchTests", dependencies: ["Batch", "Reporting", "Assessment", "TestSupport"]),
        .testTarget(name: "MailTests", dependencies: ["Mail", "Assessment", "History"]),
        .testTarget(name: "InsourceCLITests", dependencies: ["InsourceCLI", "History", "Assessment"]),
    ],
    swiftLanguageModes: [.v6]
)
