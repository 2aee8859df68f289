// `swift run -c release insource-bench [expression|scoring|reports|history]` from the package root.
let which = CommandLine.arguments.dropFirst().first
let rubric = "Rubrics/social-media.yaml"
let example = "Rubrics/examples/rosas-bakery.yaml"
if which == nil || which == "expression" {
    runExpressionBenchmark()
}
if which == nil || which == "scoring" {
    runScoringBenchmark(rubricPath: rubric, questionnairePath: example)
}
if which == nil || which == "reports" {
    runReportBenchmark(rubricPath: rubric, questionnairePath: example, templateDirectory: "Reports/template")
}
if which == nil || which == "history" {
    runHistoryBenchmark(rubricPath: rubric, questionnairePath: example)
    runHistorySingleBenchmark(rubricPath: rubric, questionnairePath: example)
}
