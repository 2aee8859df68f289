import Assessment
import Testing

@Suite("Random questionnaires")
struct RandomQuestionnaireTests {
    @Test("every generated questionnaire passes the rubric's checks and scores")
    func generatedQuestionnairesAreValid() throws {
        let rubric = try loadRubric(path: shippedRubricPath)
        var generator = RandomQuestionnaires(rubric: rubric, seed: 42)
        var verdicts: Set<Verdict> = []
        for number in 1...300 {
            let text = generator.next(number: number)
            let questionnaire = try checkQuestionnaire(bytes: Array(text.utf8), path: "random-\(number).yaml", against: rubric)
            verdicts.insert(Scorer.score(questionnaire, with: rubric).verdict)
        }
        #expect(verdicts.count >= 2, "random answers should not all land on one verdict: \(verdicts)")
    }

    @Test("the same seed gives the same questionnaires, another seed different ones")
    func seedDecides() throws {
        let rubric = try loadRubric(path: shippedRubricPath)
        func batch(_ seed: UInt64) -> [String] {
            var generator = RandomQuestionnaires(rubric: rubric, seed: seed)
            return (1...20).map { generator.next(number: $0) }
        }
        #expect(batch(9) == batch(9))
        #expect(batch(9) != batch(10))
    }

    @Test("some generated client names are not ASCII")
    func someNamesAreNotASCII() throws {
        let rubric = try loadRubric(path: shippedRubricPath)
        var generator = RandomQuestionnaires(rubric: rubric, seed: 3)
        let texts = (1...100).map { generator.next(number: $0) }
        #expect(texts.contains { !$0.unicodeScalars.allSatisfy(\.isASCII) })
    }
}
