import Scoring

/// The words of the Labbūtība sheet and the wellbeing parts of other sheets.
struct WellbeingLabels: Sendable {
    let sheet: String, title: String, chartSheet: String
    let dimension: String, group: String
    let dimensions: [Dimension: String]
    let who5Mean: String, poor: String, screen: String, cbiMean: String, highBurnout: String
    let stressed: String, afterHours: String, stressSourcePrefix: String
    let legendTitle: String, legend: [String]
    let chartTitle: String
    let unavailable: String
    let reliabilityTitle: String, scaleName: [String: String], items: String, completeCases: String
    let alpha: String, verdict: String, verdicts: [ReliabilityVerdict: String]
    let definitions: [(String, String)]

    static let latvian = WellbeingLabels(
        sheet: "Labbūtība", title: "Pedagogu labbūtība", chartSheet: "Labbūtības diagramma",
        dimension: "Griezums", group: "Grupa",
        dimensions: [
            .municipality: "Novadā kopā", .institution: "Iestāde", .role: "Amats",
            .learningArea: "Mācību joma", .experience: "Darba stāžs",
        ],
        who5Mean: "WHO-5 vidēji (0–100)", poor: "Zema labbūtība (WHO-5 ≤ 50)",
        screen: "Depresijas skrīnings (WHO-5 ≤ 28)", cbiMean: "Izdegšana CBI vidēji (0–100)",
        highBurnout: "Augsta izdegšana (CBI ≥ 50)", stressed: "Stress diezgan daudz vai ļoti daudz",
        afterHours: "Atbildes ārpus darba laika katru nedēļu vai biežāk", stressSourcePrefix: "Stresa avots: ",
        legendTitle: "Krāsu nozīme",
        legend: [
            "WHO-5 vidēji: sarkans ≤ 50, dzeltens 50–60, zaļš > 60.",
            "CBI vidēji: sarkans ≥ 50, dzeltens 40–50, zaļš < 40.",
            "Īpatsvari (zema labbūtība, skrīnings, izdegšana, stress, ārpus darba laika, stresa avoti): sarkans ≥ 50 %, dzeltens 30–50 %, zaļš < 30 %.",
        ],
        chartTitle: "WHO-5 un izdegšana pa iestādēm",
        unavailable: "Šī instrumenta dati neietver labbūtības jautājumus.",
        reliabilityTitle: "Skalu ticamība (Kronbaha alfa, pilnie gadījumi)",
        scaleName: ["who5": "WHO-5 labbūtības indekss", "cbi": "CBI ar darbu saistītā izdegšana", "need": "Vajadzību jomas (14)"],
        items: "Jautājumi", completeCases: "Pilnie gadījumi", alpha: "Alfa", verdict: "Novērtējums",
        verdicts: [
            .excellent: "izcila", .good: "laba", .acceptable: "pieņemama", .questionable: "apšaubāma", .poor: "vāja",
            .unacceptable: "nepieņemama",
        ],
        definitions: [
            (
                "WHO-5",
                "Piecu jautājumu summa (0–25) × 4 = 0–100; tikai, ja atbildēti visi pieci. Zema labbūtība ≤ 50, depresijas skrīninga pazīme ≤ 28."
            ),
            (
                "CBI izdegšana",
                "Septiņi ar darbu saistītās izdegšanas jautājumi, atbildes 100/75/50/25/0; jautājums par enerģiju ģimenei un draugiem vērtēts pretēji. Vidējais no atbildētajiem, ja atbildēti vismaz 4; augsta izdegšana ≥ 50."
            ),
            ("Stress", "Atbilde “diezgan daudz” vai “ļoti daudz” (TALIS); stresa avoti tāpat."),
            ("Digitālā higiēna", "Atbildes uz darba jautājumiem ārpus darba laika sagaida katru nedēļu vai katru dienu."),
        ])

    static let english = WellbeingLabels(
        sheet: "Wellbeing", title: "Teacher wellbeing", chartSheet: "Wellbeing chart",
        dimension: "Breakdown", group: "Group",
        dimensions: [
            .municipality: "Municipality total", .institution: "Institution", .role: "Role",
            .learningArea: "Learning area", .experience: "Years in profession",
        ],
        who5Mean: "WHO-5 mean (0–100)", poor: "Poor wellbeing (WHO-5 ≤ 50)",
        screen: "Depression screen (WHO-5 ≤ 28)", cbiMean: "Burnout CBI mean (0–100)",
        highBurnout: "High burnout (CBI ≥ 50)", stressed: "Stress quite a bit or a lot",
        afterHours: "Answers outside working hours weekly or more", stressSourcePrefix: "Source of stress: ",
        legendTitle: "What the colours mean",
        legend: [
            "WHO-5 mean: red ≤ 50, amber 50–60, green > 60.",
            "CBI mean: red ≥ 50, amber 40–50, green < 40.",
            "Shares (poor wellbeing, screen, burnout, stress, after hours, sources of stress): red ≥ 50%, amber 30–50%, green < 30%.",
        ],
        chartTitle: "WHO-5 and burnout by institution",
        unavailable: "This instrument's data holds no wellbeing questions.",
        reliabilityTitle: "Scale reliability (Cronbach's alpha, complete cases)",
        scaleName: ["who5": "WHO-5 Well-Being Index", "cbi": "CBI work-related burnout", "need": "Need areas (14)"],
        items: "Items", completeCases: "Complete cases", alpha: "Alpha", verdict: "Verdict",
        verdicts: [
            .excellent: "excellent", .good: "good", .acceptable: "acceptable", .questionable: "questionable", .poor: "poor",
            .unacceptable: "unacceptable",
        ],
        definitions: [
            (
                "WHO-5",
                "Sum of the five items (0–25) × 4 = 0–100, only with all five answered. Poor wellbeing ≤ 50, depression-screening flag ≤ 28."
            ),
            (
                "CBI burnout",
                "Seven work-related burnout items scored 100/75/50/25/0; the item on energy for family and friends is reversed. Mean of the answered items when at least 4 are answered; high burnout ≥ 50."
            ),
            ("Stress", "Answering “quite a bit” or “a lot” (TALIS); sources of stress likewise."),
            ("Digital hygiene", "Expected to answer work matters outside working hours weekly or daily."),
        ])
}
