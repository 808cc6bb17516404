"""Verification codes and document fingerprints: what is made, what a person may type, and how it is read back."""

import hashlib
import re
import secrets

# Crockford's base-32 alphabet: no I, L, O or U, so a code read aloud or retyped from paper is not misread.
CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_LENGTH = 16  # 80 random bits: not guessable, and short enough to type
CODE_PATTERN = re.compile(rf"^[{CODE_ALPHABET}]{{{CODE_LENGTH}}}$")
# Crockford's reading rules: the letters left out of the alphabet stand for the digits they look like.
LOOKALIKES = str.maketrans({"I": "1", "L": "1", "O": "0"})
SEPARATORS = re.compile(r"[\s\-‐‑‒–—_.·]+")
SHA256_PATTERN = re.compile(r"^[0-9a-f]{64}$")
CHUNK_SIZE = 64 * 1024


def new_verification_code():
    return "".join(secrets.choice(CODE_ALPHABET) for _position in range(CODE_LENGTH))


def normalise_code(text):
    """What a person typed ("abcd efgh-jkmn pqrs", "ABCD-EFGH-…") as a stored code, or "" when it cannot be one."""
    code = SEPARATORS.sub("", str(text or "")).upper().translate(LOOKALIKES)
    return code if CODE_PATTERN.match(code) else ""


def grouped_code(code):
    """The code as printed for people, in groups of four: "ABCD-EFGH-JKMN-PQRS" (typing the dashes is optional)."""
    return "-".join(code[start : start + 4] for start in range(0, len(code), 4))


def normalise_sha256(text):
    """A pasted SHA-256 fingerprint (any case, spaces or colons between bytes, a "SHA256:" label) as 64 lowercase
    hexadecimal digits, or "" when it cannot be one."""
    value = re.sub(r"^\s*sha-?256\s*[:=]?", "", str(text or ""), flags=re.IGNORECASE)
    value = re.sub(r"[\s:]", "", value).lower()
    return value if SHA256_PATTERN.match(value) else ""


def file_sha256(field_file):
    """The SHA-256 of a stored file (a Django FieldFile), read in chunks; None when the file cannot be read."""
    digest = hashlib.sha256()
    try:
        with field_file.open("rb") as stream:
            for chunk in iter(lambda: stream.read(CHUNK_SIZE), b""):
                digest.update(chunk)
    except (OSError, ValueError):  # the file is gone from storage, or the field holds none
        return None
    return digest.hexdigest()
