"""The short join code: six readable characters derived from a session's join token, for paper and the board.

The QR code carries the full, unguessable join token (22 characters, 128 bits). People who type the
address by hand need something shorter: `join_code(token)` derives six characters from the token with
SHA-256, so the code is stable for the life of the session (the token is kept in the session file) and
never stored on its own. The alphabet leaves out characters people mix up when reading paper or a
beamer (0/O/Q, 1/I/L, 2/Z, 5/S, 8/B, G/6, V/U): 22 characters, 22**6 = 113 million codes, about 27 bits.

A code is far easier to guess than the token: a server that accepts codes must limit wrong attempts
(per address and in total) and accept a code only while the session runs. `matches_join_code` compares
in constant time after `normalise_join_code`, which forgives case, spaces and dashes.
"""

from __future__ import annotations

import hashlib
import hmac

# Upper-case letters and digits that no one confuses with another on paper or a beamer. Changing it
# changes every session's code: give _CONTEXT a new version then.
ALPHABET = "ACDEFHJKMNPRTUWXY34679"
LENGTH = 6
_CONTEXT = b"workshop join code v1\x00"  # a version in the hash input lets a later format differ


def join_code(token: str) -> str:
    """Return the six-character join code of a join token (e.g. "KMT4RX"); "" when the token is "".

    The same token always gives the same code; tokens that differ give unrelated codes.
    """
    if not token:
        return ""
    digest = hashlib.sha256(_CONTEXT + token.encode("utf-8")).digest()
    number = int.from_bytes(digest[:16], "big")  # 128 bits: the modulo bias over 22**6 is negligible
    chars = []
    for _ in range(LENGTH):
        number, index = divmod(number, len(ALPHABET))
        chars.append(ALPHABET[index])
    return "".join(chars)


def format_join_code(code: str) -> str:
    """Return a code as people read it aloud or type it: two groups of three ("KMT 4RX")."""
    return f"{code[:3]} {code[3:]}" if len(code) == LENGTH else code


def normalise_join_code(typed: str) -> str:
    """Return what someone typed as a code: upper case, without spaces, dashes or dots."""
    return "".join(ch for ch in typed.upper() if ch not in " \t-._")


def matches_join_code(token: str, typed: str) -> bool:
    """Return True when `typed` is the join code of `token` (case, spaces and dashes do not matter).

    Compares in constant time. False for an empty token or a code of the wrong length.
    """
    expected = join_code(token)
    given = normalise_join_code(typed)
    if not expected or len(given) != LENGTH:
        return False
    return hmac.compare_digest(expected.encode("ascii"), given.encode("utf-8", "replace"))
