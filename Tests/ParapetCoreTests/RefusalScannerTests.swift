import ParapetCore
import Testing

@Suite struct RefusalScannerTests {
    let scanner = RefusalScanner()

    func score(_ answer: String, direction: Direction = .output) -> Double {
        scanner.scan(ScanInput(text: answer, direction: direction)).scores["refusal"] ?? -1
    }

    @Test(arguments: [
        "I'm sorry, but I can't help with that request.",
        "I’m sorry — I cannot provide instructions for making weapons.",
        "As an AI language model, I do not have personal opinions, and I won't write that.",
        "I must decline to write malware.",
        "Unfortunately I am unable to assist with hacking into accounts.",
        "I can not share personal information about private individuals.",
        "That's not something I'm comfortable with. I'm not comfortable writing explicit content.",
    ])
    func openingRefusalsScoreHigh(answer: String) throws {
        #expect(score(answer) == 0.9)
        let finding = try #require(scanner.scan(ScanInput(text: answer, direction: .output)).findings.first)
        #expect(finding.category == RefusalScanner.category)
        let phrase = String(decoding: Array(answer.utf8)[finding.range], as: UTF8.self)
        #expect(phrase.lowercased().hasPrefix("i") || phrase.lowercased().hasPrefix("as") || phrase.lowercased().hasPrefix("un"))
    }

    @Test func aRefusalAfterSomeHelpIsPartial() {
        let answer = String(repeating: "Here is a general overview of how locks work, with their history. ", count: 4)
            + "However, I cannot provide step-by-step instructions for picking a specific lock."
        #expect(score(answer) == 0.6)
    }

    @Test(arguments: [
        "I can't wait to see your finished essay! Start with a strong thesis.",
        "You cannot divide by zero, so the expression is undefined.",
        "I cannot stress enough how important sleep is.",
        "The capital of France is Paris.",
        "Sorry for the confusion earlier: the answer is 42.",
        "If the server won't start, check the port. I can help you debug the config.",
        "",
    ])
    func ordinaryAnswersScoreZero(answer: String) {
        #expect(score(answer) == 0)
    }

    @Test func inputTextsAreNotScanned() {
        #expect(scanner.scan(ScanInput(text: "I can't help with that.", direction: .input)) == .empty)
    }

    @Test func theFindingPointsAtTheOriginalBytesThroughFolding() throws {
        let answer = "Well…  I\u{2019}m   UNABLE to help with that."
        let finding = try #require(scanner.scan(ScanInput(text: answer, direction: .output)).findings.first)
        #expect(String(decoding: Array(answer.utf8)[finding.range], as: UTF8.self) == "I\u{2019}m   UNABLE to")
    }
}
