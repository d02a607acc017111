"""SPEC 8's disclosure rule over one column, shared by the oracles (written from the SPEC's words,
not from the product's code)."""


def disclose(cells, min_group, forced=None):
    """SPEC 8 over one column with a shown total, written from the SPEC's words: cells are
    (answered, yes or None). "empty" for no answers; "<N" under the threshold; "×" for 0 %/100 %
    under 2 × N and for cells hidden so that the hidden non-empty cells are at least two, hold N
    people, for a share N − 1 with and N − 1 without the attribute, and for head counts do not
    leave `<N` cells alone pinning each other; then the next smallest shown cell, until they do."""
    status = []
    for index, (answered, yes) in enumerate(cells):
        if forced and forced[index]:
            status.append(forced[index])
        elif answered == 0:
            status.append("empty")
        elif answered < min_group:
            status.append("small")
        elif yes is not None and answered < 2 * min_group and yes in (0, answered):
            status.append("×")
        else:
            status.append("shown")

    def safe():
        hidden = [i for i, s in enumerate(status) if s in ("small", "×") and cells[i][0] > 0]
        if not hidden:
            return True
        people = sum(cells[i][0] for i in hidden)
        if len(hidden) < 2 or people < min_group:
            return False
        if all(cells[i][1] is not None for i in hidden):
            yes = sum(cells[i][1] for i in hidden)
            return yes >= min_group - 1 and people - yes >= min_group - 1
        small = sum(1 for i in hidden if status[i] == "small")
        return small < len(hidden) or people - (small - 1) * (min_group - 1) < min_group - 1

    while not safe():
        shown = [i for i, s in enumerate(status) if s == "shown"]
        if not shown:
            break
        status[min(shown, key=lambda i: (cells[i][0], i))] = "×"
    return status
