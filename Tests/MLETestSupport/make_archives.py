#!/usr/bin/env python3
"""Builds good and hostile archives for mlepkg's unpacking tests into OUT_DIR.

Good: good.zip, good.tar, good.tar.gz, good.tar.xz, good.tar.zst (if zstd exists),
good.7z (if 7z exists) -- each holds train.csv, images/1.jpg, run.sh (executable).
Hostile: absolute.tar, dotdot.zip, dotdot.tar, symlink-out.tar, symlink-abs.tar,
hardlink-out.tar, device.tar, fifo.tar, bomb.zip (64 MiB of zeros), many.zip (5,000 entries),
corrupt.zip (a truncated zip), not-an-archive.bin.
Trees that would lose or misplace entries: symlink-chain.tar/.zip (a/l1 -> .., b -> a/l1/..,
b/PWNED), below-symlink.tar, symlink-loop.tar, nfc-nfd.zip (cafe\u0301 composed and decomposed),
duplicate.tar (x twice), duplicate-dot.zip (x and ./x), file-and-folder.tar, deep.tar (3,000
levels), long-name.tar (a 300-byte name). Limits: bomb-1g.zip (1 GiB of zeros, deflate -9, 1 MB),
zip64-count.zip (a zip64 directory listing 2,100,000 entries).
"""
import struct
import unicodedata
import zlib
import io
import os
import shutil
import subprocess
import sys
import tarfile
import zipfile

out = sys.argv[1]
os.makedirs(out, exist_ok=True)
FILES = {"train.csv": b"id,label\n1,0\n2,1\n", "images/1.jpg": bytes(range(256)) * 4, "run.sh": b"#!/bin/sh\necho hi\n"}


def tar_add(t, name, data, mode=0o644, kind=tarfile.REGTYPE, link=""):
    info = tarfile.TarInfo(name)
    info.type = kind
    info.mode = mode
    info.linkname = link
    info.size = len(data) if kind == tarfile.REGTYPE else 0
    info.mtime = 1700000000
    t.addfile(info, io.BytesIO(data) if kind == tarfile.REGTYPE else None)


def good_tar(path, mode):
    with tarfile.open(path, mode, format=tarfile.PAX_FORMAT) as t:
        tar_add(t, "train.csv", FILES["train.csv"])
        tar_add(t, "images/1.jpg", FILES["images/1.jpg"])
        tar_add(t, "run.sh", FILES["run.sh"], mode=0o755)
        tar_add(t, "images/link.jpg", b"", kind=tarfile.SYMTYPE, link="1.jpg")
        tar_add(t, "train-copy.csv", b"", kind=tarfile.LNKTYPE, link="train.csv")


with zipfile.ZipFile(os.path.join(out, "good.zip"), "w", zipfile.ZIP_DEFLATED) as z:
    for name, data in FILES.items():
        info = zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0))
        info.external_attr = ((0o755 if name.endswith(".sh") else 0o644) | 0o100000) << 16
        info.compress_type = zipfile.ZIP_DEFLATED
        z.writestr(info, data)
good_tar(os.path.join(out, "good.tar"), "w")
good_tar(os.path.join(out, "good.tar.gz"), "w:gz")
good_tar(os.path.join(out, "good.tar.xz"), "w:xz")
if shutil.which("zstd"):
    subprocess.run(["zstd", "-q", "-f", os.path.join(out, "good.tar"), "-o", os.path.join(out, "good.tar.zst")], check=True)
if shutil.which("7z"):
    src = os.path.join(out, "_7zsrc")
    for name, data in FILES.items():
        os.makedirs(os.path.dirname(os.path.join(src, name)), exist_ok=True)
        with open(os.path.join(src, name), "wb") as f:
            f.write(data)
    os.chmod(os.path.join(src, "run.sh"), 0o755)
    subprocess.run(["7z", "a", "-bd", "-y", os.path.join(out, "good.7z"), "."], cwd=src, check=True, stdout=subprocess.DEVNULL)
    shutil.rmtree(src)

with tarfile.open(os.path.join(out, "absolute.tar"), "w") as t:
    tar_add(t, "ok.txt", b"ok")
    tar_add(t, "/etc/evil", b"evil")
with zipfile.ZipFile(os.path.join(out, "dotdot.zip"), "w") as z:
    z.writestr("ok.txt", b"ok")
    z.writestr("a/../../evil.txt", b"evil")
with tarfile.open(os.path.join(out, "dotdot.tar"), "w") as t:
    tar_add(t, "ok.txt", b"ok")
    tar_add(t, "../evil.txt", b"evil")
with tarfile.open(os.path.join(out, "symlink-out.tar"), "w") as t:
    tar_add(t, "ok.txt", b"ok")
    tar_add(t, "data/escape", b"", kind=tarfile.SYMTYPE, link="../../etc/passwd")
with tarfile.open(os.path.join(out, "symlink-abs.tar"), "w") as t:
    tar_add(t, "ok.txt", b"ok")
    tar_add(t, "passwd", b"", kind=tarfile.SYMTYPE, link="/etc/passwd")
with tarfile.open(os.path.join(out, "hardlink-out.tar"), "w") as t:
    tar_add(t, "ok.txt", b"ok")
    tar_add(t, "shadow", b"", kind=tarfile.LNKTYPE, link="../../etc/shadow")
with tarfile.open(os.path.join(out, "device.tar"), "w") as t:
    tar_add(t, "ok.txt", b"ok")
    info = tarfile.TarInfo("dev/sda")
    info.type = tarfile.BLKTYPE
    info.devmajor, info.devminor = 8, 0
    t.addfile(info)
with tarfile.open(os.path.join(out, "fifo.tar"), "w") as t:
    tar_add(t, "ok.txt", b"ok")
    info = tarfile.TarInfo("pipe")
    info.type = tarfile.FIFOTYPE
    t.addfile(info)
with zipfile.ZipFile(os.path.join(out, "bomb.zip"), "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
    z.writestr("ok.txt", b"ok")
    z.writestr("zeros.bin", bytes(64 << 20))
with zipfile.ZipFile(os.path.join(out, "many.zip"), "w") as z:
    for i in range(5000):
        z.writestr("f/%d.txt" % i, b"")
good = open(os.path.join(out, "good.zip"), "rb").read()
with open(os.path.join(out, "corrupt.zip"), "wb") as f:
    f.write(good[: len(good) // 2])
with open(os.path.join(out, "corrupt.tar.gz"), "wb") as f:
    data = open(os.path.join(out, "good.tar.gz"), "rb").read()
    f.write(data[:40] + bytes(len(data) - 40))
with open(os.path.join(out, "not-an-archive.bin"), "wb") as f:
    f.write(b"this is not an archive at all, just text\n" * 10)


def zip_symlink(z, name, target):
    info = zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0))
    info.external_attr = (0o120777 << 16)
    info.create_system = 3
    z.writestr(info, target)


with tarfile.open(os.path.join(out, "symlink-chain.tar"), "w") as t:
    tar_add(t, "a/l1", b"", kind=tarfile.SYMTYPE, link="..")
    tar_add(t, "b", b"", kind=tarfile.SYMTYPE, link="a/l1/..")
    tar_add(t, "b/PWNED", b"pwned")
with zipfile.ZipFile(os.path.join(out, "symlink-chain.zip"), "w") as z:
    zip_symlink(z, "a/l1", "..")
    zip_symlink(z, "b", "a/l1/..")
    z.writestr("b/PWNED", b"pwned")
with tarfile.open(os.path.join(out, "below-symlink.tar"), "w") as t:
    tar_add(t, "real/x.txt", b"x")
    tar_add(t, "link", b"", kind=tarfile.SYMTYPE, link="real")
    tar_add(t, "link/y.txt", b"y")
with tarfile.open(os.path.join(out, "symlink-loop.tar"), "w") as t:
    tar_add(t, "ok.txt", b"ok")
    tar_add(t, "l1", b"", kind=tarfile.SYMTYPE, link="l2")
    tar_add(t, "l2", b"", kind=tarfile.SYMTYPE, link="l1")
with zipfile.ZipFile(os.path.join(out, "nfc-nfd.zip"), "w") as z:
    z.writestr(unicodedata.normalize("NFC", "caf\u00e9.txt"), b"composed")
    z.writestr(unicodedata.normalize("NFD", "caf\u00e9.txt"), b"decomposed")
with tarfile.open(os.path.join(out, "duplicate.tar"), "w") as t:
    tar_add(t, "x", b"first")
    tar_add(t, "x", b"second")
with zipfile.ZipFile(os.path.join(out, "duplicate-dot.zip"), "w") as z:
    z.writestr("x", b"first")
    z.writestr("./x", b"second")
with tarfile.open(os.path.join(out, "file-and-folder.tar"), "w") as t:
    tar_add(t, "a", b"file")
    tar_add(t, "a/b", b"below a file")
with tarfile.open(os.path.join(out, "deep.tar"), "w", format=tarfile.PAX_FORMAT) as t:
    tar_add(t, "d/" * 3000 + "leaf.txt", b"deep")
with tarfile.open(os.path.join(out, "long-name.tar"), "w", format=tarfile.PAX_FORMAT) as t:
    tar_add(t, "n" * 300, b"long")


def raw_zip(path, name, crc, size, compressed, method=8):
    """One-entry zip written by hand, for precomputed deflate data."""
    n = name.encode()
    local = struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, method, 0, 0x5021, crc, len(compressed), size, len(n), 0) + n
    central = struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, method, 0, 0x5021, crc, len(compressed), size,
                          len(n), 0, 0, 0, 0, 0o100644 << 16, 0) + n
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, 1, 1, len(central), len(local) + len(compressed), 0)
    with open(path, "wb") as f:
        f.write(local + compressed + central + end)


# 1 GiB of zeros: identical full-flush deflate blocks, so it is made in a fraction of a second.
chunk = bytes(1 << 20)
c = zlib.compressobj(9, zlib.DEFLATED, -15)
first = c.compress(chunk) + c.flush(zlib.Z_FULL_FLUSH)
middle = c.compress(chunk) + c.flush(zlib.Z_FULL_FLUSH)
last = c.compress(chunk) + c.flush()
crc = 0
for _ in range(1024):
    crc = zlib.crc32(chunk, crc)
raw_zip(os.path.join(out, "bomb-1g.zip"), "zeros.bin", crc, 1 << 30, first + middle * 1022 + last)

# A zip whose zip64 end record lists 2.1 million entries (its real directory has one).
data = open(os.path.join(out, "good.zip"), "rb").read()
at = data.rfind(b"PK\x05\x06")
_, _, _, _, _, cd_size, cd_offset, _ = struct.unpack("<IHHHHIIH", data[at:at + 22])
body = data[:at]
z64 = struct.pack("<IQHHIIQQQQ", 0x06064B50, 44, 45, 45, 0, 0, 2_100_000, 2_100_000, cd_size, cd_offset)
locator = struct.pack("<IIQI", 0x07064B50, 0, len(body), 1)
end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, 0xFFFF, 0xFFFF, 0xFFFFFFFF, 0xFFFFFFFF, 0)
with open(os.path.join(out, "zip64-count.zip"), "wb") as f:
    f.write(body + z64 + locator + end)
