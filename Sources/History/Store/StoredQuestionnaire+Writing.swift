import Assessment

extension StoredQuestionnaire {
    /// Writes what `StoredQuestionnaire(assessment).json()` writes into `out`, without building the questionnaire or any
    /// string: the same members and values, the answers in the rubric's order rather than sorted (`json(keeping:)`,
    /// which `rescore` reads, sorts them again).
    static func write(_ assessment: Assessment, into out: JSONBytes) {
        var answerValues: [Range<Int>?] = []
        write(assessment, into: out, answerValues: &answerValues)
    }

    /// The same, adding to `answerValues` where the value of each of `assessment.answers` was written (nil for a
    /// question not answered), so the answers table can store those bytes rather than encode every answer again.
    static func write(_ assessment: Assessment, into out: JSONBytes, answerValues: inout [Range<Int>?]) {
        out.byte(0x7B)
        out.key("answers")
        out.byte(0x7B)
        // In the assessment's (the rubric's) order: the reader makes a dictionary of them, so no sort is needed.
        // Read in place, by index: a record or answer bound to a name is a copy, a retain and release of each string.
        let records = assessment.answers
        var first = true
        for index in records.indices {
            guard records[index].answer != nil else {
                answerValues.append(nil)
                continue
            }
            if !first { out.byte(0x2C) }
            first = false
            out.string(records[index].question)
            out.byte(0x3A)
            let start = out.count
            out.value(records[index].answer!)
            answerValues.append(start..<out.count)
        }
        out.byte(0x7D)
        let questionnaire = assessment.questionnaire
        if let assessedOn = questionnaire.assessedOn {
            out.byte(0x2C)
            out.key("assessed_on")
            out.string(assessedOn)
        }
        if let assessor = questionnaire.assessor {
            out.byte(0x2C)
            out.key("assessor")
            out.string(assessor)
        }
        out.byte(0x2C)
        out.key("client")
        writeClient(assessment.client, into: out)
        if let notes = questionnaire.notes {
            out.byte(0x2C)
            out.key("notes")
            out.string(notes)
        }
        out.byte(0x7D)
    }

    private static func writeClient(_ client: Client, into out: JSONBytes) {
        out.byte(0x7B)
        var first = true
        func member(_ key: StaticString, _ value: String?) {
            guard let value else { return }
            if !first { out.byte(0x2C) }
            first = false
            out.key(key)
            out.string(value)
        }
        member("email", client.email)
        if let employees = client.employees {
            if !first { out.byte(0x2C) }
            first = false
            out.key("employees")
            out.integer(employees)
        }
        member("id", client.id)
        member("industry", client.industry)
        member("location", client.location)
        member("name", client.name)
        member("owner", client.owner)
        member("website", client.website)
        out.byte(0x7D)
    }
}

