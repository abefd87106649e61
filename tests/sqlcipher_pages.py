"""Decrypt every page of an SQLCipher 4 file, free pages included, to search its raw bytes.

SQLCipher 4 defaults: PBKDF2-HMAC-SHA512 with 256,000 iterations over the passphrase and the
file's first 16 bytes (the salt) gives a 256-bit key; each 4096-byte page is AES-256-CBC
encrypted except its last 80 bytes (a 16-byte IV, then a 64-byte HMAC); page 1 also keeps
the salt in the clear in its first 16 bytes. AES comes from the system's libcrypto through
ctypes, since the standard library has none.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import hashlib
from pathlib import Path

PAGE = 4096
RESERVE = 80
KDF_ITERATIONS = 256_000


def raw_key(path: Path, passphrase: str) -> bytes:
    salt = path.read_bytes()[:16]
    return hashlib.pbkdf2_hmac("sha512", passphrase.encode("utf-8"), salt, KDF_ITERATIONS, 32)


def _libcrypto() -> ctypes.CDLL:
    name = ctypes.util.find_library("crypto")
    if not name:
        raise RuntimeError("libcrypto not found")
    lib = ctypes.CDLL(name)
    lib.EVP_CIPHER_CTX_new.restype = ctypes.c_void_p
    lib.EVP_aes_256_cbc.restype = ctypes.c_void_p
    lib.EVP_DecryptInit_ex.argtypes = [ctypes.c_void_p] * 5
    lib.EVP_CIPHER_CTX_set_padding.argtypes = [ctypes.c_void_p, ctypes.c_int]
    lib.EVP_DecryptUpdate.argtypes = [
        ctypes.c_void_p,
        ctypes.c_char_p,
        ctypes.POINTER(ctypes.c_int),
        ctypes.c_char_p,
        ctypes.c_int,
    ]
    lib.EVP_CIPHER_CTX_free.argtypes = [ctypes.c_void_p]
    return lib


def _aes_cbc_decrypt(lib: ctypes.CDLL, key: bytes, iv: bytes, data: bytes) -> bytes:
    ctx = lib.EVP_CIPHER_CTX_new()
    try:
        lib.EVP_DecryptInit_ex(ctx, lib.EVP_aes_256_cbc(), None, key, iv)
        lib.EVP_CIPHER_CTX_set_padding(ctx, 0)
        out = ctypes.create_string_buffer(len(data) + 32)
        written = ctypes.c_int(0)
        lib.EVP_DecryptUpdate(ctx, out, ctypes.byref(written), data, len(data))
        return out.raw[: written.value]
    finally:
        lib.EVP_CIPHER_CTX_free(ctx)


def decrypted_pages(path: Path, passphrase: str) -> bytes:
    """The plaintext of every page in the file, in order (page 1 without its salt)."""
    key = raw_key(path, passphrase)
    data = path.read_bytes()
    lib = _libcrypto()
    out = bytearray()
    for start in range(0, len(data) - len(data) % PAGE, PAGE):
        page = data[start : start + PAGE]
        body_from = 16 if start == 0 else 0
        iv = page[PAGE - RESERVE : PAGE - RESERVE + 16]
        out += _aes_cbc_decrypt(lib, key, iv, page[body_from : PAGE - RESERVE])
    return bytes(out)
