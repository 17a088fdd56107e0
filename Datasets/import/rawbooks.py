"""Read the cell values of Excel workbooks with the Python standard library only.

Two formats occur in the shared PCI/PAPI material:

* ``.xlsx`` (Office Open XML): a zip of XML parts, read with ``zipfile`` + ``xml.etree``.
* ``.xls`` (BIFF8 inside an OLE2 compound file, Excel 97-2003): parsed here from the
  record stream. Only what the VCCI workbooks use is supported: shared strings (SST with
  CONTINUE records), LABELSST, LABEL, NUMBER, RK, MULRK and cached numeric FORMULA results.

``read(path)`` returns ``[(sheet_name, {row: {col: value}})]`` with 1-based rows and columns.
Values are ``str`` for text and ``float`` for numbers (``.xlsx`` numbers are returned as the
decimal text stored in the file; call ``float()`` on them).
"""
import re
import struct
import zipfile
import xml.etree.ElementTree as ET

__all__ = ["read"]


# ----------------------------------------------------------------------------- .xlsx

_NS = {
    "m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
}
_M = "{%s}" % _NS["m"]


def _col_number(letters):
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n


def _read_xlsx(path):
    z = zipfile.ZipFile(path)
    shared = []
    if "xl/sharedStrings.xml" in z.namelist():
        for si in ET.fromstring(z.read("xl/sharedStrings.xml")).findall("m:si", _NS):
            shared.append("".join(t.text or "" for t in si.iter(_M + "t")))
    workbook = ET.fromstring(z.read("xl/workbook.xml"))
    rels = ET.fromstring(z.read("xl/_rels/workbook.xml.rels"))
    targets = {r.get("Id"): r.get("Target") for r in rels}
    out = []
    for sheet in workbook.find("m:sheets", _NS):
        target = targets[sheet.get("{%s}id" % _NS["r"])].lstrip("/")
        if not target.startswith("xl/"):
            target = "xl/" + target
        cells = {}
        for c in ET.fromstring(z.read(target)).iter(_M + "c"):
            m = re.match(r"([A-Z]+)(\d+)$", c.get("r"))
            v = c.find("m:v", _NS)
            kind = c.get("t")
            if kind == "s" and v is not None:
                value = shared[int(v.text)]
            elif kind == "inlineStr":
                value = "".join(t.text or "" for t in c.iter(_M + "t"))
            elif v is not None:
                value = v.text
            else:
                continue
            cells.setdefault(int(m.group(2)), {})[_col_number(m.group(1))] = value
        out.append((sheet.get("name"), cells))
    return out


# ----------------------------------------------------------------------------- .xls

def _ole_stream(data, names=("Workbook", "Book")):
    if data[:8] != b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1":
        raise ValueError("not an OLE2 compound file")
    sector_size = 1 << struct.unpack_from("<H", data, 30)[0]
    n_fat, dir_start, _, cutoff, _, _, difat_start, n_difat = struct.unpack_from("<iiiIiiii", data, 44)
    per_sector = sector_size // 4

    def sector(i):
        return data[512 + i * sector_size: 512 + (i + 1) * sector_size]

    difat = list(struct.unpack_from("<109i", data, 76))
    nxt = difat_start
    for _ in range(n_difat):
        vals = struct.unpack("<%di" % per_sector, sector(nxt))
        difat += vals[:-1]
        nxt = vals[-1]
    fat = []
    for f in difat[:n_fat]:
        fat += struct.unpack("<%di" % per_sector, sector(f))

    def chain(start):
        out, s, seen = [], start, set()
        while s >= 0 and s not in seen:
            seen.add(s)
            out.append(sector(s))
            s = fat[s]
        return b"".join(out)

    directory = chain(dir_start)
    for i in range(0, len(directory), 128):
        entry = directory[i:i + 128]
        name_len = struct.unpack_from("<H", entry, 64)[0]
        name = entry[:max(name_len - 2, 0)].decode("utf-16le", "replace")
        start, size = struct.unpack_from("<iI", entry, 116)
        if name in names and entry[66] == 2:
            if size < cutoff:
                raise ValueError("workbook stored in the OLE mini-stream: not supported")
            return chain(start)[:size]
    raise ValueError("no Workbook stream in OLE2 file")


def _records(stream, pos=0):
    while pos + 4 <= len(stream):
        rtype, length = struct.unpack_from("<HH", stream, pos)
        yield pos, rtype, stream[pos + 4: pos + 4 + length]
        pos += 4 + length


def _rk(v):
    if v & 2:
        x = float((v >> 2) - (1 << 30) if v & 0x80000000 else v >> 2)
    else:
        x = struct.unpack("<d", struct.pack("<Q", (v & 0xFFFFFFFC) << 32))[0]
    return x / 100 if v & 1 else x


def _shared_strings(chunks):
    """Decode an SST record and its CONTINUE records (strings may straddle them)."""
    out = []
    ci, p = 0, 8
    total = struct.unpack_from("<I", chunks[0], 4)[0]
    for _ in range(total):
        if p >= len(chunks[ci]):
            ci, p = ci + 1, 0
        c = chunks[ci]
        count = struct.unpack_from("<H", c, p)[0]
        flags = c[p + 2]
        p += 3
        runs = ext = 0
        if flags & 8:
            runs = struct.unpack_from("<H", c, p)[0]
            p += 2
        if flags & 4:
            ext = struct.unpack_from("<I", c, p)[0]
            p += 4
        wide = flags & 1
        parts, left = [], count
        while left > 0:
            if p >= len(chunks[ci]):      # string continues in the next CONTINUE record,
                ci += 1                   # which starts with a fresh option byte
                wide = chunks[ci][0] & 1
                p = 1
            c = chunks[ci]
            if wide:
                k = min(left, (len(c) - p) // 2)
                parts.append(c[p:p + 2 * k].decode("utf-16le"))
                p += 2 * k
            else:
                k = min(left, len(c) - p)
                parts.append(c[p:p + k].decode("latin-1"))
                p += k
            left -= k
        skip = 4 * runs + ext
        while skip > 0:
            if p >= len(chunks[ci]):
                ci, p = ci + 1, 0
            k = min(skip, len(chunks[ci]) - p)
            p += k
            skip -= k
        out.append("".join(parts))
    return out


def _read_xls(path):
    with open(path, "rb") as f:
        stream = _ole_stream(f.read())
    sheets, sst, sst_chunks = [], [], None
    for _, rtype, body in _records(stream):
        if sst_chunks is not None:
            if rtype == 0x3C:             # CONTINUE of the SST
                sst_chunks.append(body)
                continue
            sst, sst_chunks = _shared_strings(sst_chunks), None
        if rtype == 0x85:                 # BOUNDSHEET: worksheet name and stream offset
            offset = struct.unpack_from("<I", body, 0)[0]
            n, flags = body[6], body[7]
            name = body[8:8 + 2 * n].decode("utf-16le") if flags & 1 else body[8:8 + n].decode("latin-1")
            if body[5] == 0:              # 0 = worksheet (skip charts, macros)
                sheets.append((name, offset))
        elif rtype == 0xFC:               # SST
            sst_chunks = [body]
        elif rtype == 0x0A:               # EOF of the workbook globals
            break
    if sst_chunks is not None:
        sst = _shared_strings(sst_chunks)
    out = []
    for name, offset in sheets:
        cells = {}

        def put(r, c, v):
            cells.setdefault(r + 1, {})[c + 1] = v

        for _, rtype, b in _records(stream, offset):
            if rtype == 0x0A:
                break
            if rtype == 0x203:            # NUMBER
                r, c, _ = struct.unpack_from("<HHH", b)
                put(r, c, struct.unpack_from("<d", b, 6)[0])
            elif rtype == 0x27E:          # RK
                r, c, _, v = struct.unpack_from("<HHHI", b)
                put(r, c, _rk(v))
            elif rtype == 0xBD:           # MULRK
                r, c0 = struct.unpack_from("<HH", b)
                for k in range((len(b) - 6) // 6):
                    put(r, c0 + k, _rk(struct.unpack_from("<I", b, 4 + 6 * k + 2)[0]))
            elif rtype == 0xFD:           # LABELSST
                r, c, _, i = struct.unpack_from("<HHHI", b)
                put(r, c, sst[i])
            elif rtype == 0x06:           # FORMULA: keep a cached numeric result
                r, c, _ = struct.unpack_from("<HHH", b)
                if b[12:14] != b"\xff\xff":
                    put(r, c, struct.unpack_from("<d", b, 6)[0])
            elif rtype == 0x204:          # LABEL (old-style inline string)
                r, c, _, n = struct.unpack_from("<HHHH", b)
                flags = b[8]
                put(r, c, b[9:9 + 2 * n].decode("utf-16le") if flags & 1 else b[9:9 + n].decode("latin-1"))
        out.append((name, cells))
    return out


def read(path):
    path = str(path)
    if path.lower().endswith(".xlsx"):
        return _read_xlsx(path)
    if path.lower().endswith(".xls"):
        return _read_xls(path)
    raise ValueError("unsupported workbook type: %s" % path)
