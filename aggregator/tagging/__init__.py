"""Tags: the source's settings, the operator's rules, the countries an item names, the language
it is written in; and retagging every stored item on every core."""
