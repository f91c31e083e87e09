"""Grounding: when (``dates``) and where (``places``) an event happened.

Import the submodules directly (``from eventcoder.ground.dates import ...``); this
package module imports nothing so that loading one half never loads the other.
"""
