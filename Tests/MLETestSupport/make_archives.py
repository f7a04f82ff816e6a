#!/usr/bin/env python3
"""Builds good and hostile archives for mlepkg's unpacking tests into OUT_DIR.

Good: good.zip, good.tar, good.tar.gz, good.tar.xz, good.tar.zst (if zstd exists),
good.7z (if 7z exists) -- each holds train.csv, images/1.jpg, run.sh (executable).
Hostile: absolute.tar, dotdot.zip, dotdot.tar, symlink-out.tar, symlink-abs.tar,
hardlink-out.tar, device.tar, fifo.tar, bomb.zip (64 MiB of zeros), many.zip (5,000 entries),
corrupt.zip (a truncated zip), not-an-archive.bin.
"""
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
