#!/usr/bin/env python3
"""Regenerates holidays_fr.csv and holidays_es.csv (2010-2027). See README.md for sources.

usage: python3 generate_calendars.py <path to vacances-scolaires data.csv>
"""
import csv, datetime as dt, sys

D = dt.date
YEARS = range(2010, 2028)

def easter(y):  # Anonymous Gregorian algorithm (Meeus, Astronomical Algorithms, ch. 8)
    a = y % 19; b, c = divmod(y, 100); d, e = divmod(b, 4); f = (b + 8) // 25; g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30; i, k = divmod(c, 4); l = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l) // 451; month = (h + l - 7 * m + 114) // 31; day = (h + l - 7 * m + 114) % 31 + 1
    return D(y, month, day)

def fr_national(y):
    e = easter(y); td = dt.timedelta
    return [(D(y,1,1),"Jour de l'an"),(e+td(1),"Lundi de Paques"),(D(y,5,1),"Fete du Travail"),(D(y,5,8),"Victoire 1945"),
            (e+td(39),"Ascension"),(e+td(50),"Lundi de Pentecote"),(D(y,7,14),"Fete nationale"),(D(y,8,15),"Assomption"),
            (D(y,11,1),"Toussaint"),(D(y,11,11),"Armistice"),(D(y,12,25),"Noel")]

def es_national(y):
    e = easter(y); td = dt.timedelta
    return [(D(y,1,1),"Ano Nuevo"),(D(y,1,6),"Epifania"),(e-td(2),"Viernes Santo"),(D(y,5,1),"Fiesta del Trabajo"),
            (D(y,8,15),"Asuncion"),(D(y,10,12),"Fiesta Nacional"),(D(y,11,1),"Todos los Santos"),(D(y,12,6),"Constitucion"),
            (D(y,12,8),"Inmaculada Concepcion"),(D(y,12,25),"Navidad")]

def ranges(days):
    days = sorted(days); out = []
    for d in days:
        if out and (d - out[-1][1]).days == 1: out[-1][1] = d
        else: out.append([d, d])
    return out

def write(path, rows):
    with open(path, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n"); w.writerow(["start", "end", "kind", "region", "name"])
        for r in sorted(rows, key=lambda r: (r[0], r[2], r[3])): w.writerow([r[0].isoformat(), r[1].isoformat(), r[2], r[3], r[4]])

fr = [(d, d, "national", "", n) for y in YEARS for d, n in fr_national(y)]
zones = {"A": set(), "B": set(), "C": set()}; names = {}
with open(sys.argv[1]) as f:
    for r in csv.DictReader(f):
        d = D.fromisoformat(r["date"])
        if d.year < 2010: continue
        for z in zones:
            if r[f"vacances_zone_{z.lower()}"] == "True": zones[z].add(d); names[d] = r["nom_vacances"]
for z, days in zones.items():
    fr += [(a, b, "school", z, names[a]) for a, b in ranges(days)]
write("holidays_fr.csv", fr)

es = [(d, d, "national", "", n) for y in YEARS for d, n in es_national(y)]
td = dt.timedelta
for y in YEARS:  # approximate common school breaks (most autonomous communities), not official per-community calendars
    es.append((D(y, 1, 1), D(y, 1, 7), "school", "", "Navidad"))
    es.append((easter(y) - td(9), easter(y) + td(1), "school", "", "Semana Santa"))
    es.append((D(y, 6, 23), D(y, 9, 7), "school", "", "Verano"))
    es.append((D(y, 12, 23), D(y, 12, 31), "school", "", "Navidad"))
write("holidays_es.csv", es)
