"""A timekeeper's Sparring without its screens: a real second process for the wall's tests.

Run as `python writer.py DATA_DIR [LANGUAGE]`. It reads one command a line from stdin
and answers each with one line on stdout once what it did is saved:

    setup [SCALE]    make and save a session of four (a rehearsal at SCALE session seconds
                     a second, if given); answers "id <session id>"
    clock SECONDS    move its (fake) session clock on; nothing is saved
    note TEXT        save a note in the running phase
    quit             let the session go and end
    anything else    a protocol trigger (start, advance, pause, extend 1, ...);
                     answers "ack <trigger> <accepted>"
"""

from __future__ import annotations

import sys
from pathlib import Path

from sparring.domain.catalogue import load_catalogue
from sparring.domain.clock import FakeClock
from sparring.domain.protocol import Protocol
from sparring.domain.records import Note
from sparring.domain.session import Participant, Session
from sparring.store import Archive

MEMBERS = [
    Participant("Anne", "Hand-offs between the ward and the therapists"),
    Participant("Bo", "Two teams, one budget"),
    Participant("Carla", "The night shift is never asked"),
    Participant("Dorte", "New IT system, no owner"),
]


def main() -> None:
    data, language = Path(sys.argv[1]), sys.argv[2] if len(sys.argv) > 2 else "en"
    scenario = load_catalogue().get("cross-functional-sparring")
    archive = Archive(data)
    clock = FakeClock()
    protocol: Protocol | None = None
    for line in sys.stdin:
        command, _, rest = line.strip().partition(" ")
        if command == "setup":
            scale = float(rest or 1)
            session = Session(scenario_id=scenario.id, group="Group 1", participants=MEMBERS,
                              case_owner="Anne", timekeeper="Bo", language=language,
                              rehearsal=scale != 1, time_scale=scale)
            archive.save_session(session)
            protocol = Protocol(scenario, session, clock, recorder=archive.recorder(session))
            answer = f"id {session.id}"
        elif command == "clock":
            clock.advance(float(rest))
            answer = "ack clock True"
        elif command == "quit":
            archive.close()
            print("ack quit", flush=True)
            return
        else:
            assert protocol is not None, "setup first"
            if command == "note":
                archive.save_note(Note(session_id=protocol.session.id, phase=protocol.state,
                                       text=rest, clock=clock.now()))
                answer = "ack note True"
            else:
                args = {"minutes": float(rest)} if rest else {}
                answer = f"ack {command} {protocol.fire(command, **args)}"
        print(answer, flush=True)


if __name__ == "__main__":
    main()
