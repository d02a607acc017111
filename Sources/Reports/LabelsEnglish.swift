extension Labels {
    static let english = Labels(
        language: .en, yes: "yes", no: "no",
        summarySheet: "Summary", prioritiesSheet: "Priorities", institutionsSheet: "Institutions",
        dataQualitySheet: "Data quality", methodologySheet: "Methodology",
        councilTitle: "Teacher professional support needs", wave: "Survey wave",
        generated: "Generated", respondents: "Respondents", institutionsRepresented: "Institutions with answers",
        teachersInRegister: "Teachers in the register", responseRate: "Response rate",
        sourcesImported: "Input files", rowsQuarantined: "Quarantined rows",
        headline: "Headline figures", topPriorities: "Top five support priorities", inputs: "Inputs",
        prioritiesTitle: "Support priorities", rank: "Rank", id: "ID", needArea: "Need area",
        score: "Priority score", highNeed: "High need", wilsonLow: "95% CI low",
        wilsonHigh: "95% CI high", intensity: "Intensity", breadth: "Breadth across institutions",
        gap: "Self-assessment gap", trend: "Trend", n: "n", stable: "Stable rank",
        prioritiesNote: "Scores 0–100 from the components present; an empty cell = component absent.",
        chartTitle: "Priority score",
        institutionsTitle: "High-need share by institution", code: "Code", institution: "Institution",
        municipalityTotal: "Municipality total",
        dataQualityTitle: "Data quality", file: "File", format: "Format", encoding: "Encoding",
        delimiter: "Delimiter", rowsRead: "Rows read", rowsAccepted: "Accepted",
        rowsSuperseded: "Superseded by a later submission", sha256: "SHA-256",
        quarantineTitle: "Quarantined rows", line: "Line", column: "Column", value: "Value",
        reason: "Reason", noQuarantine: "No rows were quarantined.",
        methodologyTitle: "Methodology",
        definitions: [
            ("High need", "Respondents at level “High” (3) / respondents who answered the area; 95% Wilson interval (z = 1.96)."),
            ("Intensity", "Mean need level (0–3) / 3."),
            (
                "Self-assessment gap",
                "Mean of (4 − rating) / 3; institution ratings weighted by respondents. Without data the component is dropped."
            ),
            (
                "Breadth across institutions",
                "Share of institutions with at least the minimum group size whose high-need share reaches the threshold."
            ),
            ("Trend", "max(0, high-need share now − in the previous wave). Without a previous wave the component is dropped."),
            (
                "Priority score",
                "100 · Σ wₖ·cₖ / Σ wₖ over the components present, one decimal. Ties: higher high-need share first, then area id."
            ),
            ("Stable rank", "The area's Wilson interval does not overlap the next rank's (the last rank: the previous one's)."),
            ("Response rate", "Respondents / teachers in the institutions register."),
            (
                "Repeated submissions",
                "When a respondent answered more than once in a wave, the latest answer counts; earlier ones are kept as superseded."
            ),
            (
                "Data protection",
                "A number is shown only when at least the minimum group size of people answered that item (<N otherwise). In every breakdown with a shown total the hidden cells together hold at least the minimum group size, with at least the minimum minus one people with and without the attribute, else the next smallest cell is hidden too (×, its n as well); the same cells are hidden in every workbook of the wave, and a change between waves is shown only where both values are published. 0 % and 100 % are not shown for groups under twice the minimum. E-mails are not stored: the respondent key is an HMAC-SHA256."
            ),
        ],
        settingsTitle: "Settings", term: "Term", definition: "Definition", minGroupSize: "Minimum group size",
        breadthThreshold: "Breadth threshold", weightsLabel: "Weights (priority_weights)",
        programVersion: "Program version", runTime: "Run time", wellbeing: .english, plan: .english, own: .english)
}
