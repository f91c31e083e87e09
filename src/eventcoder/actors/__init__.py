"""Actors: the knowledge base and mention resolution."""
