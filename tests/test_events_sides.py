"""Who acts on whom, and what wording makes an event, in reports of other years and places
(sentences written for these tests, not taken from any report)."""
from __future__ import annotations

from datetime import date

from events.documents import parse_document
from events.extract import extract
from tests.test_events_extract import PLACES, finder_of

finder = finder_of({**PLACES, "Homs": (34.73, 36.71, "city"), "Bab Amr": (34.72, 36.69, "district"),
                    "Khalidiyeh": (34.74, 36.71, "district"), "Sukhnah": (34.89, 38.87, "town"),
                    "Palmyra": (34.56, 38.28, "city")})


def read(text: str, when: date | None = date(2012, 5, 20)):
    return list(extract(parse_document(text.encode("utf-8"), "report.txt", doc_date=when), finder).events)


def told(events, place: str) -> list[tuple[str, str, str | None]]:
    return [(e.actor, e.action, e.target) for e in events if e.place == place]


def test_fighting_told_without_a_side_is_the_headline_sides_against_the_last_actor():
    events = read("Syrian army tightens its grip on Homs\n\nOn Monday the army shelled Homs. Rebel fighters hit back at "
                  "an army post near Homs on Tuesday.\n\nFighting also went on in Bab Amr and at Khalidiyeh.")
    assert told(events, "Bab Amr") == [("government", "clash", "rebels")]
    assert told(events, "Khalidiyeh") == [("government", "clash", "rebels")]


def test_fighting_a_side_is_named_in_stays_with_the_named_side():
    events = read("Syrian army tightens its grip on Homs\n\nOn Monday the army shelled Homs. Rebels battled "
                  "soldiers in Bab Amr on Tuesday.")
    assert told(events, "Bab Amr") == [("rebels", "clash", "government")]


def test_the_black_flag_raised_over_a_town_is_isil_taking_it():
    events = read("The army held Sukhnah through the spring. On 12 May the black flag was raised over Sukhnah.")
    assert told(events, "Sukhnah") == [("isil", "capture", "government")]
    flown = read("Islamic State fighters attacked Palmyra on Tuesday. On Friday the black flag flew over Palmyra.")
    assert ("isil", "capture", "government") in told(flown, "Palmyra")


def test_a_flag_flying_for_years_is_no_event():
    assert read("The flag of the republic flew over Sukhnah for decades.") == []


def test_generic_names_before_isil_held_ground_are_the_opposition():
    text = "On Monday the armed forces killed dozens of terrorists near Homs, and the terrorists fled Homs."
    early = read(text, when=date(2012, 11, 3))
    assert {(e.actor, e.action) for e in early} >= {("rebels", "withdraw")}
    assert all("isil" not in (e.actor, e.target) for e in early)
    named = read("ISIS fighters are active in the area. " + text, when=date(2013, 11, 3))
    assert ("isil", "withdraw") in {(e.actor, e.action) for e in named}


def test_state_medias_armed_forces_are_the_government():
    events = read("Units of the armed forces on Tuesday restored security and stability to Homs.")
    assert told(events, "Homs") == [("government", "capture", "rebels")]


def test_an_alliance_of_armed_groups_is_not_the_us_led_coalition():
    events = read("Jabhat al-Nusra leads the assault in the north. The militant coalition captured Idlib on 28 March.")
    assert told(events, "Idlib") == [("hts", "capture", "government")]
    rebel = read("The rebel coalition seized Kafr Nabl on Monday.")
    assert [e.actor for e in rebel] == ["rebels"]


def test_they_after_a_speaker_told_someone_is_the_speakers_side():
    events = read("The army shelled Kafr Nabl on Sunday. Rebel commanders told a reporter they pulled back "
                  "from Kafr Nabl on Monday.")
    assert ("rebels", "withdraw", "government") in told(events, "Kafr Nabl")


def test_bare_troops_are_the_armys_men():
    events = read("Islamic State fighters attacked the Jirah airbase on Monday. The defence ministry said that "
                  "troops pulled out of the Jirah airbase to new lines.")
    assert ("government", "withdraw", "isil") in told(events, "Jirah airbase")
    assert ("isil", "withdraw", "government") not in told(events, "Jirah airbase")


def test_men_who_remain_trapped_are_the_ones_encircled():
    events = read("Rebels seized Kafr Nabl on Monday. A group of soldiers remains trapped in the hospital of "
                  "Kafr Nabl, which is now surrounded by militants.")
    assert ("government", "encircle", "rebels") not in told(events, "Kafr Nabl")


def test_they_after_a_sentence_about_one_side_is_that_side():
    events = read("Government jets bombed the desert near Sukhnah on Sunday. The summer has brought one gain after "
                  "another for the jihadists. Last week they overran the army's depot at Sukhnah.")
    assert told(events, "Sukhnah")[-1] == ("isil", "capture", "government")


def test_the_capture_told_again_as_a_noun_is_no_new_event():
    events = read("Rebels seized Kafr Nabl on Monday. The capture gives the rebels a road to Idlib.")
    assert [(e.actor, e.action, e.place) for e in events] == [("rebels", "capture", "Kafr Nabl")]


def test_a_place_taken_in_a_relative_clause_is_the_verbs_object():
    events = read("Government forces pushed east towards Ma'dan, which they captured on 16 May.")
    assert ("government", "capture") in [(e.actor, e.action) for e in events if e.place == "Ma'dan"]
    assert [e.date_start for e in events if e.action == "capture"] == [date(2012, 5, 16)]


def test_a_generic_name_of_a_named_group_is_that_group():
    events = read("Rebels hold the south.\n\nThe offensive by militants of Jabhat al-Nusra began on 12 May "
                  "from the hills. They entered Idlib on 14 May.")
    assert [(e.actor, e.place) for e in events if e.action in ("advance", "capture")] == [("hts", "Idlib")]


def test_they_after_a_sentence_naming_one_side_without_its_verb():
    events = read("Rebels hold the south. They entered Idlib on 14 May.")
    assert [(e.actor, e.place) for e in events] == [("rebels", "Idlib")]


def test_the_defenders_are_the_side_the_attacker_fights_and_the_text_still_follows_the_attacker():
    events = read("Islamic State fighters stormed the outskirts of Palmyra on 14 May. The town's defenders "
                  "pulled out of Palmyra on 16 May. Sukhnah fell on 18 May.")
    assert ("government", "withdraw", "isil") in told(events, "Palmyra")
    assert told(events, "Sukhnah") == [("isil", "capture", "government")]


def test_only_to_lose_it_again_is_a_loss_that_happened():
    events = read("The army shelled Kafr Nabl on 12 May. Rebels took Kafr Nabl on 14 May, only to lose it again "
                  "on 16 May.")
    assert ("government", "recapture", "rebels") in told(events, "Kafr Nabl")
    assert read("The army shelled Kafr Nabl on 12 May. Rebels hoped only to hold Kafr Nabl.")[-1].action == "attack"


def test_evacuating_civilians_is_no_withdrawal():
    events = read("Rebels attacked Idlib on 12 May. On 14 May the army began evacuating civilians from Idlib.")
    assert ("government", "withdraw") not in [(e.actor, e.action) for e in events]
    assert [(e.actor, e.action) for e in read("On 14 May the army evacuated Idlib.")] == [("government", "withdraw")]


def test_a_sides_positions_are_its_ground_not_its_men():
    from events.actors import find_sides
    assert [(m.faction, m.role) for m in find_sides("Jets struck Syrian army positions and ISIS checkpoints.")
            if m.faction in ("government", "isil") and m.text != "Jets"] == [("government", "held"), ("isil", "held")]
    events = read("Rebels shelled SDF outposts near Tell Abyad on 14 May.")
    assert told(events, "Tell Abyad") == [("rebels", "attack", "sdf")]


def test_an_offensive_opening_with_attacks_on_a_place_is_an_attack_there():
    events = read("The army launched its offensive on 15 May with attacks on the hills around Kafr Nabl.")
    assert told(events, "Kafr Nabl") == [("government", "attack", "rebels")]
    aimed = read("The army launched an offensive towards Kafr Nabl on 15 May.")
    assert told(aimed, "Kafr Nabl") == [("government", "advance", "rebels")]


def test_an_advance_that_left_a_town_cut_off_encircled_it():
    events = read("The army advanced east of Idlib on 14 May. The advance left Idlib, the last big town the rebels "
                  "hold there, cut off from the north.")
    assert ("government", "encircle", "rebels") in told(events, "Idlib")
    assert ("government", "withdraw") not in [(e.actor, e.action) for e in events]
    left = read("Rebels left Idlib on 14 May after it was surrounded.")
    assert ("rebels", "withdraw", "government") in told(left, "Idlib")


def test_state_media_cleansing_a_place_of_terrorists_is_a_capture():
    events = read('State television said troops had "cleansed" Homs of terrorists on 17 May.')
    assert told(events, "Homs") == [("government", "capture", "rebels")]
    assert read("Army units purged Homs of the militants on 17 May.")[0].action == "capture"


def test_a_state_speaking_of_its_air_arm_is_the_side_it_fights_with():
    events = read("Ankara said on Monday that its drones had struck positions in Palmyra.", date(2019, 3, 4))
    assert told(events, "Palmyra") == [("rebels", "airstrike", "government")]
    events = read("Washington said its aircraft bombed Sukhnah on Monday.", date(2019, 3, 4))
    assert [(e.actor, e.action) for e in events] == [("coalition", "airstrike")]


def test_a_means_turned_to_an_attack_is_the_attack():
    events = read("Rebel units exploited the dust storm to attack Sukhnah on Monday.")
    assert told(events, "Sukhnah") == [("rebels", "attack", "government")]
    assert told(read("Rebel units hope to attack Sukhnah soon."), "Sukhnah") == []


def test_state_media_redeploying_troops_away_is_a_withdrawal():
    events = read("Army units were redeployed to new lines east of Palmyra on Tuesday.", date(2016, 5, 3))
    assert told(events, "Palmyra") == [("government", "withdraw", "isil")]
    assert told(read("The army regrouped in Palmyra on Tuesday."), "Palmyra") == []


def test_ground_held_by_the_side_a_fall_joins_up_does_not_flip_who_took_the_place():
    events = read("Rebels attacked Sukhnah on Monday. The fall of Sukhnah on Tuesday joined the rebel-held "
                  "pocket at Homs to the rebel-held desert near Palmyra.")
    assert ("rebels", "capture", "government") in told(events, "Sukhnah")
    assert ("government", "capture", "rebels") not in told(events, "Sukhnah")


def test_a_sides_men_told_at_a_places_edge_advanced_on_it():
    events = read("Rebel units attacked Sukhnah on Monday. By Friday their fighters were on the eastern outskirts "
                  "of Palmyra, and the clinic there is at the edge of the town.")
    assert told(events, "Palmyra") == [("rebels", "advance", "government")]
    assert told(read("The clinic is on the outskirts of Homs."), "Homs") == []


def test_an_alliance_led_by_a_named_group_is_that_group_and_stays_so_in_the_report():
    events = read("On Sunday opposition factions led by Hay'at Tahrir al-Sham and Jaysh al-Nasr stormed Kafr Nabl, "
                  "taking Sukhnah by nightfall. Two days later the opposition factions repelled an army counter-attack "
                  "at Kafr Nabl.", when=date(2017, 8, 10))
    assert ("hts", "capture", "government") in told(events, "Kafr Nabl")  # (a named place stormed is taken)
    assert told(events, "Sukhnah") == [("hts", "capture", "government")]
    assert ("hts", "repel", "government") in told(events, "Kafr Nabl")


def test_a_named_side_before_led_by_stays_the_side_named_first():
    events = read("Rebels and their allies, led by Nusra Front fighters, overran Kafr Nabl on Sunday.",
                  when=date(2016, 8, 10))
    assert [a for a, _, _ in told(events, "Kafr Nabl")] == ["rebels"]


def test_a_side_led_by_a_named_group_with_a_hyphen_is_its_leader():
    events = read("Nusra-led militants overran Kafr Nabl on Sunday, and HTS-led rebels entered Sukhnah on Monday.",
                  when=date(2017, 8, 10))
    assert [a for a, _, _ in told(events, "Kafr Nabl")] == ["hts"]
    assert [a for a, _, _ in told(events, "Sukhnah")] == ["hts"]
    backed = read("US-backed rebels overran Kafr Nabl on Sunday.", when=date(2017, 8, 10))
    assert [a for a, _, _ in told(backed, "Kafr Nabl")] == ["rebels"]


def test_fighting_told_without_a_side_in_a_report_without_headline_is_the_lead_sentences_side():
    lead = ("HOMS (Wire) — Government soldiers supported by armour pushed into the rebel stronghold of Bab Amr on "
            "Monday, and opposition fighters said on Tuesday that they had fallen back from several streets of the "
            "quarter after a night of shelling.")
    assert len(lead) > 200  # no line short enough to be a headline
    events = read(lead + "\n\nRebel commanders said their men were regrouping.\n\nFighting also went on at "
                  "Khalidiyeh on Tuesday.")
    assert told(events, "Khalidiyeh") == [("government", "clash", "rebels")]


def test_those_evacuated_are_who_a_later_sideless_departure_is_told_of():
    events = read("The army shelled Homs all week.\n\nOn Monday hundreds were evacuated from Bab Amr after the rebels "
                  "there agreed to a deal.\n\nState television said that 900 people had left Bab Amr by Tuesday.")
    assert {a for a, action, _ in told(events, "Bab Amr") if action == "withdraw"} == {"rebels"}


def test_a_town_held_by_the_side_acting_so_far_falls_to_its_enemy():
    events = read("Rebel units hit an army checkpoint near Homs on Monday. On Wednesday the rebel-held district of "
                  "Bab Amr fell.")
    assert told(events, "Bab Amr") == [("government", "capture", "rebels")]


def test_groups_of_other_years_and_regions_are_their_sides():
    from events.actors import find_sides
    cases = {"SNA fighters": "rebels", "the Syrian Salvation Government": "hts", "the Military Operations Command": "hts",
             "Harakat Hazm": "rebels", "the Farouq Brigades": "rebels", "Jaish al-Nukhba": "rebels",
             "the Fourth Division": "government", "the Imam Hussein Brigade": "government",
             "the Khabour Guards": "sdf", "Peshmerga fighters": "sdf", "Liwa Thuwar al-Raqqa": "sdf", "Ajnad al-Kavkaz": "hts"}
    for name, side in cases.items():
        found = [s for s in find_sides(f"On Monday {name} moved into the area.") if s.faction]
        assert [s.faction for s in found] == [side], name
    events = read("SNA fighters overran Kafr Nabl on Sunday.", when=date(2019, 10, 14))
    assert [a for a, _, _ in told(events, "Kafr Nabl")] == ["rebels"]


def test_a_town_entered_unopposed_or_left_by_its_defenders_is_taken():
    quiet = read("Opposition fighters entered Homs before dawn on Saturday without meeting any resistance.",
                 when=date(2024, 12, 8))
    assert told(quiet, "Homs") == [("rebels", "capture", "government")]
    left = read("Army units shelled Bab Amr for a week. On Friday rebel fighters entered Bab Amr, and its defenders "
                "pulled out overnight.")
    assert ("rebels", "capture", "government") in told(left, "Bab Amr")
    fought = read("On Friday rebel fighters entered Bab Amr, where fierce clashes with the army went on all night.")
    assert ("rebels", "advance", "government") in told(fought, "Bab Amr")


def test_a_side_told_as_killed_is_not_the_subject_of_a_later_clause():
    events = read("On Friday army units shelled Sukhnah after killing and wounding scores of ISIS fighters, while in "
                  "April units had regained Palmyra.", when=date(2017, 6, 10))
    assert [a for a, _, _ in told(events, "Palmyra")] == ["government"]


def test_a_nouns_own_agent_acts_whoever_the_clause_is_about():
    resisted = read("Rebels in the district held firm on Tuesday under renewed attacks by government forces on Bab Amr.")
    assert told(resisted, "Bab Amr") == [("government", "attack", "rebels")]
    shelled = read("Rebel fighters pulled out of Bab Amr on Tuesday after a week of shelling by government forces.")
    assert ("government", "attack", "rebels") in told(shelled, "Bab Amr")
    assert ("rebels", "attack", "government") not in told(shelled, "Bab Amr")


def test_a_side_backing_the_actor_is_not_its_target():
    events = read("On Sunday fighters of Hayat Tahrir al-Sham, backed by Turkish drones, overran Kafr Nabl.",
                  when=date(2020, 2, 28))
    assert [t for t in told(events, "Kafr Nabl") if t[0] == "hts"] == [("hts", "capture", "government")]


def test_a_foreign_armys_syrian_allies_are_of_its_side():
    from events.actors import find_sides
    for text in ("Turkish troops and allied Syrian fighters moved in.", "Turkish troops and their Syrian allies moved in."):
        assert [s.faction for s in find_sides(text) if s.faction] == ["rebels", "rebels"], text
    assert [s.faction for s in find_sides("Turkish troops and Syrian forces traded fire.") if s.faction] == \
        ["rebels", "government"]


def test_a_side_driven_out_of_a_place_by_another_lost_it_to_that_one():
    out = read("Islamic State fighters were forced out of Sukhnah by the Syrian army on Friday.", when=date(2017, 8, 14))
    assert told(out, "Sukhnah") == [("government", "capture", "isil")]
    back = read("An Islamic State assault on Sukhnah was driven back by the Syrian army on Friday.", when=date(2017, 8, 14))
    assert [(a, action) for a, action, _ in told(back, "Sukhnah")] == [("government", "repel")]
