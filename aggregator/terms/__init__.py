"""The language of rule terms: how a term of `rules:` is written, and how it is found in a text.

`folding` makes texts comparable (case and accents removed), `matching` compiles terms (words,
`word*` prefixes, `re:` expressions) and finds them in folded text, `citations` reads statute
citations (`law:` terms). Config validates terms with it; tagging and near-duplicate detection
use it to read texts.
"""
