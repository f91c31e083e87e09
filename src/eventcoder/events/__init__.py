"""Events: the CAMEO lexicon and the grammar that applies it."""
