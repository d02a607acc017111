extension Labels {
    static let latvian = Labels(
        language: .lv, yes: "jā", no: "nē",
        summarySheet: "Kopsavilkums", prioritiesSheet: "Prioritātes", institutionsSheet: "Iestādes",
        dataQualitySheet: "Datu kvalitāte", methodologySheet: "Metodoloģija",
        councilTitle: "Pedagogu profesionālās darbības atbalsta vajadzības", wave: "Aptaujas kārta",
        generated: "Sagatavots", respondents: "Respondenti", institutionsRepresented: "Iestādes ar atbildēm",
        teachersInRegister: "Pedagogi reģistrā", responseRate: "Atsaucība",
        sourcesImported: "Ievades faili", rowsQuarantined: "Atsijātās rindas",
        headline: "Galvenie rādītāji", topPriorities: "Piecas galvenās atbalsta prioritātes",
        inputs: "Ievades dati",
        prioritiesTitle: "Atbalsta prioritātes", rank: "Vieta", id: "ID", needArea: "Joma",
        score: "Prioritātes punkti", highNeed: "Augsta vajadzība", wilsonLow: "95% TI no",
        wilsonHigh: "95% TI līdz", intensity: "Intensitāte", breadth: "Izplatība iestādēs",
        gap: "Pašvērtējuma robs", trend: "Pieaugums", n: "n", stable: "Stabila vieta",
        prioritiesNote: "Punkti 0–100 no komponentēm, kas ir pieejamas; tukša šūna = komponentes nav.",
        chartTitle: "Prioritātes punkti",
        institutionsTitle: "Augstas vajadzības īpatsvars pa iestādēm", code: "Kods",
        institution: "Iestāde", municipalityTotal: "Novadā kopā",
        dataQualityTitle: "Datu kvalitāte", file: "Fails", format: "Formāts", encoding: "Kodējums",
        delimiter: "Atdalītājs", rowsRead: "Nolasītas rindas", rowsAccepted: "Pieņemtas",
        rowsSuperseded: "Aizstātas ar vēlāku iesniegumu", sha256: "SHA-256",
        quarantineTitle: "Atsijātās rindas", line: "Rinda", column: "Kolonna", value: "Vērtība",
        reason: "Iemesls", noQuarantine: "Nav atsijātu rindu.",
        methodologyTitle: "Metodoloģija",
        definitions: [
            (
                "Augsta vajadzība",
                "Respondenti ar līmeni “Augsta” (3) / respondenti, kas atbildēja uz jomu; 95% Vilsona intervāls (z = 1,96)."
            ),
            ("Intensitāte", "Vidējais vajadzības līmenis (0–3) / 3."),
            (
                "Pašvērtējuma robs",
                "Vidējais (4 − vērtējums) / 3; iestāžu vērtējumi svērti ar respondentu skaitu. Ja nav datu, komponente netiek ņemta vērā."
            ),
            (
                "Izplatība iestādēs",
                "Iestāžu ar vismaz minimālo respondentu skaitu īpatsvars, kurās augstas vajadzības īpatsvars sasniedz slieksni."
            ),
            (
                "Pieaugums",
                "max(0, augstas vajadzības īpatsvars tagad − iepriekšējā kārtā). Ja iepriekšējās kārtas nav, komponente netiek ņemta vērā."
            ),
            (
                "Prioritātes punkti",
                "100 · Σ wₖ·cₖ / Σ wₖ pār pieejamajām komponentēm, viena zīme aiz komata. Vienādiem punktiem secību nosaka augstas vajadzības īpatsvars, tad jomas ID."
            ),
            ("Stabila vieta", "Jomas Vilsona intervāls nepārklājas ar nākamās vietas intervālu (pēdējai vietai – ar iepriekšējās)."),
            ("Atsaucība", "Respondenti / pedagogu skaits iestāžu reģistrā."),
            (
                "Atkārtoti iesniegumi",
                "Ja viens respondents kārtā atbildējis vairākkārt, skaitās pēdējā atbilde; agrākās saglabātas kā aizstātas."
            ),
            (
                "Datu aizsardzība",
                "Skaitli rāda tikai tad, ja uz šo jautājumu atbildējuši vismaz minimālais cilvēku skaits (citādi <N). Katrā griezumā ar redzamu kopsummu slēptās šūnas kopā aptver vismaz minimālo skaitu, starp tiem vismaz minimālais mīnus viens ar pazīmi un bez tās, citādi slēpj arī nākamo mazāko šūnu (×, arī tās n); tās pašas šūnas slēptas visos viena posma pārskatos, un izmaiņu starp posmiem rāda tikai tur, kur abas vērtības publicētas. 0 % un 100 % nerāda grupām, kas mazākas par divkāršu minimumu. E-pasti netiek glabāti: respondenta atslēga ir HMAC-SHA256."
            ),
        ],
        settingsTitle: "Iestatījumi", term: "Jēdziens", definition: "Skaidrojums", minGroupSize: "Minimālais grupas lielums",
        breadthThreshold: "Izplatības slieksnis", weightsLabel: "Svari (priority_weights)",
        programVersion: "Programmas versija", runTime: "Aprēķina laiks", wellbeing: .latvian, plan: .latvian, own: .latvian)
}
