// `swift run -c release insource-bench [expression|scoring]` from the package root.
let which = CommandLine.arguments.dropFirst().first
if which == nil || which == "expression" {
    runExpressionBenchmark()
}
if which == nil || which == "scoring" {
    runScoringBenchmark(rubricPath: "Rubrics/social-media.yaml", questionnairePath: "Rubrics/examples/rosas-bakery.yaml")
}
