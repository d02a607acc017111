extension PriorityWeights {
    /// Every weight with its key in the pipeline's `priority_weights:` (SPEC 5, 7), in the order
    /// the methodology lists them: the one list that says which weights exist.
    public var named: [(key: String, value: Double)] {
        [
            ("high_need", highNeed), ("intensity", intensity), ("gap", gap), ("breadth", breadth), ("trend", trend),
            ("observed", observed),
        ]
    }
}
