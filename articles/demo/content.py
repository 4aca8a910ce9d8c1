"""The demo newsroom's content: the wire article page in ../shared/reference/ (the agency's
English site, 3–9 December 2021), copied here so the project never reads ../shared.

Headlines and leads are as the reference gives them. The sections, themes, sources,
tags, marks, datelines and times are the demo desk's editorial choices. Times are
Moscow time, where the copy was filed from, whatever the site's own time zone.
"""

from dataclasses import dataclass, field, replace

DEMO_TIME_ZONE = "Europe/Moscow"

# slug: (name, description, colour of its generated pictures)
SECTIONS = {
    "politics": ("Politics", "Russian politics and diplomacy.", (11, 42, 74)),
    "world": ("World", "News from around the world.", (20, 90, 110)),
    "military": ("Military & Defense", "Armed forces, drills and defense industry.", (62, 72, 44)),
    "economy": ("Economy & Business", "Markets, energy, trade and companies.", (128, 84, 20)),
    "society": ("Society & Culture", "Health, people, history and culture.", (120, 40, 80)),
    "science": ("Science & Space", "Research, technology and space exploration.", (40, 50, 120)),
    "emergencies": ("Emergencies", "Accidents, disasters and rescue work.", (160, 30, 30)),
    "sports": ("Sports", "Competitions, athletes and the Olympic movement.", (20, 110, 60)),
    "hainan": ("Hainan", "Regional partner content from China's Hainan province.", (0, 120, 140)),
}

# slug: (name, description)
THEMES = {
    "coronavirus": ("Coronavirus pandemic", "Vaccines, restrictions and the spread of Covid-19."),
    "putin-biden": (
        "Putin–Biden talks",
        "The Russian and US presidents' video summit of 7 December 2021.",
    ),
    "ukraine-tensions": (
        "Tensions around Ukraine",
        "Donbass, the Minsk agreements and Russia–NATO security.",
    ),
    "beijing-2022": ("Beijing 2022 Olympics", "The Winter Games and the diplomatic boycott."),
}

# slug: (name, kind, url) — the attributions that end the reference's headlines.
SOURCES = {
    "kremlin-spokesman": ("Kremlin spokesman", "official", "http://en.kremlin.ru/"),
    "kremlin-aide": ("Kremlin aide", "official", "http://en.kremlin.ru/"),
    "kremlin-press-service": ("Kremlin press service", "official", "http://en.kremlin.ru/"),
    "vladimir-putin": ("Vladimir Putin", "official", "http://en.kremlin.ru/"),
    "white-house": ("White House", "official", "https://www.whitehouse.gov/"),
    "moscow-mayor": ("Moscow Mayor", "official", "https://www.mos.ru/en/"),
    "german-economy-ministry": ("German ministry", "official", ""),
    "russian-foreign-ministry": ("Russian Foreign Ministry", "official", "https://mid.ru/en/"),
    "chinese-foreign-ministry": ("Chinese Foreign Ministry", "official", ""),
    "japanese-foreign-minister": ("Japan's top diplomat", "official", ""),
    "polish-maritime-office": ("Polish Maritime Office", "official", ""),
    "elering": ("Elering (grid operator)", "official", ""),
    "rdif-ceo": ("RDIF CEO", "official", ""),
    "official": ("Local officials", "official", ""),
    "expert": ("Expert", "media", ""),
    "media": ("Media", "media", ""),
    "afp": ("AFP", "agency", "https://www.afp.com/"),
}

# The desks whose bylines the demo stories carry.
AUTHORS = {"athens-bureau": "Athens bureau", "moscow-desk": "Moscow desk"}


@dataclass
class Item:
    key: str
    headline: str
    standfirst: str
    section: str
    local_time: str
    dateline_place: str = ""
    theme: str = ""
    sources: list = field(default_factory=list)
    tags: list = field(default_factory=list)
    mark: str = ""
    body: str = ""
    authors: list = field(default_factory=lambda: ["moscow-desk"])
    related: list = field(default_factory=list)
    home_priority: int = 0
    updated_local_time: str = ""


S400_BODY = """
<p>Russia plans to deliver another batch of S-400 missile systems to Turkey, Kremlin Spokesman Dmitry Peskov said in an interview (in English) with Greek television channel ANT1.</p>
{picture:ant1-studio:inset}
<p>When asked whether Russia plans to provide another batch of S-400 system to Turkey, Peskov said, "We have certain understanding with our Turkish partners, and we hope so. We hope so, yes."</p>
<p>The television anchor asked Peskov what Moscow’s specific interest was in providing Turkey with S-400 missile systems despite the US sanctions.</p>
<blockquote><p>"We all know that the United States likes to play this game of sanctions, although we know an understanding they [have] never reached their goals. They have never managed to make a single country change their point of view. But our policy is to be open for cooperation with various countries, especially our partners. This kind of cooperation between Russia and Turkey should not be a threat for any country, especially for Greece, because the system is not offensive, it is defensive. 100% defensive," he assured.</p></blockquote>
<p>Peskov was interviewed by the television channel in the run-up to Russian President Vladimir Putin’s meeting with Greek Prime Minister Kyriakos Mitsotakis in Sochi. First, the broadcaster had given a brief summary of the interview, and on Wednesday night, it aired first excerpts in its prime time newscast. The full interview will be aired in the Special Report program on Friday night.</p>
{gallery:s400-launcher,s400-radar,s400-column,s400-crew}
<blockquote class="pull-quote"><p>"This kind of cooperation between Russia and Turkey should not be a threat for any country."</p></blockquote>
<h2>S-400 deliveries to Turkey</h2>
<aside class="fact-box"><h3>The S-400 in brief</h3><ul><li>In service since 2007</li><li>Range up to 400 km, altitude up to 30 km</li><li>Turkey: the first NATO member to buy it (deal of 2017)</li></ul></aside>
<p>Moscow and Ankara inked a deal in 2017 on the delivery of the Russian-made S-400 air defense system to Turkey, thereby making it the first NATO member to purchase this air defense missile system from Russia.</p>
<p>Ankara’s decision to purchase the Russian-made system infuriated the United States and NATO. So far, Washington has not abandoned its efforts to make Turkey give up the Russian air defense system.</p>
<p>Turkey has not caved to US pressure and said that it would keep the S-400 system. Washington has responded by excluding Ankara from the US program of developing the fifth-generation F-35 fighter-bomber.</p>
<p>Turkish President Erdogan vowed in October 2020 that Ankara was not going to give up the S-400 system, despite Washington’s pressure.</p>
<p>The United States had been threatening Turkey with unilateral sanctions for some time already over the purchase of the S-400 air defense system but was in no hurry to take these steps out of fear of further worsening relations with a major NATO ally, while Ankara warned it would not leave the imposition of these restrictions unanswered. Washington imposed its unilateral sanctions on Ankara in December 2020.</p>
<p>In July 2021, Alexander Mikheyev, CEO of Russia’s state arms seller Rosoboronexport (part of the state tech corporation Rostec), told reporters at the MAKS-2021 air show that Rosoboronexport would develop a project to deliver an additional batch of the S-400 surface-to-air missile systems to Turkey in the coming months. According to Mikheyev, the project is expected to be finished in the coming months. He pointed out at that time that "final consultations are underway, a financial model has been put together, as well as a program for technical cooperation on the project."</p>
{picture:maks-2021}
<p>Russia’s S-400 ‘Triumf’ (NATO reporting name: SA-21 Growler) is the latest long-and medium-range surface-to-air missile system that went into service in 2007. It is designed to destroy aircraft, cruise and ballistic missiles, and can also be used against ground installations. The S-400 can engage targets at a distance of up to 400 km and at an altitude of up to 30 km under intensive enemy fire and jamming.</p>
"""

# Pictures in the demo article's text, drawn like the lead pictures: (label, caption,
# alt text, colour). The body places them with {picture:key[:inset]} and
# {gallery:key,key…}; the loader stores each once and writes the elements' ids in.
BODY_PICTURES = {
    "ant1-studio": (
        "ANT1 interview", "Dmitry Peskov speaking to Greek television channel ANT1",
        "A television studio with two chairs facing each other under bright lights",
        (40, 70, 120),
    ),
    "s400-launcher": (
        "S-400 launcher", "An S-400 launcher vehicle on parade",
        "A long eight-wheeled launcher vehicle carrying four missile tubes", (70, 80, 55),
    ),
    "s400-radar": (
        "S-400 radar", "The system's 92N6 engagement radar",
        "A radar panel raised on a truck, pointing at the sky", (60, 70, 60),
    ),
    "s400-column": (
        "S-400 column", "A column of S-400 vehicles on the move",
        "Military trucks driving in a line along a road", (85, 85, 60),
    ),
    "s400-crew": (
        "S-400 crew", "Crew members at the command post",
        "Soldiers at consoles inside a command vehicle", (55, 65, 75),
    ),
    "maks-2021": (
        "MAKS-2021", "The MAKS-2021 air show, where Rosoboronexport spoke of a new batch",
        "Visitors walking among aircraft displayed on an airfield", (50, 90, 140),
    ),
}  # fmt: skip

# A story with a video and embeds, written for the demo (the reference gives only the
# standfirst): {video:key} and {embed:key} places, filled in by the loader.
SUMMIT_BODY = """
<p>Russian President Vladimir Putin began a video conference with US President Joe Biden on Tuesday, the Kremlin said. Putin joined the call from his residence in Sochi.</p>
{video:summit-clip}
<p>The leaders are expected to discuss the situation around Ukraine and NATO’s eastward expansion, as well as issues of strategic stability and the bilateral agenda.</p>
{embed:kremlin-youtube}
<p>The Kremlin’s press service posted the first pictures of the call on its channel.</p>
{embed:kremlin-telegram}
<p>The conversation is held from the Bocharov Ruchey residence on the Black Sea coast.</p>
{embed:sochi-map}
"""

# The demo's video file and its poster (a test pattern made with ffmpeg, in this folder):
# stored as an upload would be, with what ffprobe says of it, so `make run` needs no ffmpeg.
VIDEOS = {
    "summit-clip": {
        "title": "Putin joins the call from Sochi",
        "caption": "The video conference begins (demo clip: a test pattern)",
        "credit": "Newsroom demo",
        "duration": 6.0, "width": 640, "height": 360,
        "video_codec": "h264", "audio_codec": "aac",
    },
}  # fmt: skip

# Embeds as pasting their links makes them, with the words a provider would have given
# (the demo asks no one): (link, title, author, text, caption, thumbnail colour or None).
EMBEDS = {
    "kremlin-youtube": (
        "https://www.youtube.com/watch?v=DBu4wYvTB3I",
        "Putin and Biden hold a video conference", "Kremlin", "",
        "The start of the call, as the Kremlin broadcast it", (120, 30, 30),
    ),
    "kremlin-telegram": (
        "https://t.me/news_kremlin/1234", "", "Kremlin News",
        "Vladimir Putin has begun a video conference with Joe Biden.", "", None,
    ),
    "sochi-map": (
        "https://www.openstreetmap.org/#map=14/43.5692/39.7630",
        "Bocharov Ruchey, Sochi", "", "", "Where the Russian side holds the call", None,
    ),
}  # fmt: skip

RICH_BODIES = {"item-02": SUMMIT_BODY}

# The demo's live blog: the day before the video conference, written for the demo.
# (local time, text, key event, pinned); the coverage ends after the last entry.
LIVE_STORY = "item-49"
LIVE_ENTRIES = [
    ("2021-12-04 18:30", "The Kremlin has confirmed that Vladimir Putin and Joe Biden will talk by video link on Tuesday. We follow the preparations here.", True, True),
    ("2021-12-04 18:41", "Presidential aide Yuri Ushakov said the date was agreed during contacts between the two administrations this week.", False, False),
    ("2021-12-04 18:55", "The agenda, according to the Kremlin: the situation around Ukraine, NATO’s eastward expansion, strategic stability and bilateral relations.", True, False),
    ("2021-12-04 19:10", "No joint statement is planned, Ushakov said; each side will describe the talks in its own words.", False, False),
    ("2021-12-04 19:26", "Kremlin spokesman Dmitry Peskov: the president attaches great importance to the conversation, which will be held in a closed format.", False, False),
    ("2021-12-04 19:48", "The White House has not yet commented on the Kremlin’s announcement.", False, False),
    ("2021-12-04 20:05", "Putin and Biden last met in person in Geneva in June; their last phone call was in July.", False, False),
    ("2021-12-04 20:31", "Analysts in Moscow say the format suggests both sides want to lower tensions before the end of the year.", False, False),
    ("2021-12-04 21:02", "Our correspondent in Washington reports that the US administration is expected to confirm the call on Saturday.", False, False),
    ("2021-12-04 21:40", "That is all for tonight. The live coverage continues on Saturday morning.", False, False),
    ("2021-12-05 08:00", "Good morning. The preparations for Tuesday’s video conference continue; here is what we know so far.", False, False),
    ("2021-12-05 08:22", "The White House has confirmed the call: President Biden will speak with President Putin on Tuesday.", True, False),
    ("2021-12-05 08:40", "White House press secretary Jen Psaki said the president will underline US concerns over Russian military activity near Ukraine.", False, False),
    ("2021-12-05 09:05", "The Russian Foreign Ministry said Moscow expects a substantive conversation on security guarantees.", False, False),
    ("2021-12-05 09:31", "Deputy Foreign Minister Sergey Ryabkov: Russia will present its ideas on legally binding guarantees against NATO’s eastward expansion.", True, False),
    ("2021-12-05 09:58", "Peskov said the talks could last as long as the presidents find necessary: no fixed end time has been set.", False, False),
    ("2021-12-05 10:20", "European capitals are watching closely; Berlin and Paris have called for dialogue.", False, False),
    ("2021-12-05 10:47", "The Kremlin said Putin will take part from Sochi, where he is working this week.", False, False),
    ("2021-12-05 11:15", "Ukrainian Foreign Minister Dmytro Kuleba said Kyiv was in contact with Washington before the call.", False, False),
    ("2021-12-05 11:42", "Ushakov: the strategic stability dialogue launched in Geneva will also be discussed.", False, False),
    ("2021-12-05 12:10", "The Russian side has proposed that the talks be followed by contacts between experts of both countries.", False, False),
    ("2021-12-05 12:38", "Peskov declined to say whether Putin and Biden might meet in person again soon.", False, False),
    ("2021-12-05 13:05", "State Duma speaker Vyacheslav Volodin said parliament supports the president’s approach to the talks.", False, False),
    ("2021-12-05 13:34", "Correction: an earlier entry gave the wrong date of the Geneva summit. It was held on June 16.", False, False),
    ("2021-12-05 14:02", "US Secretary of State Antony Blinken spoke with Foreign Minister Sergey Lavrov in Stockholm this week, laying the ground for the call.", False, False),
    ("2021-12-05 14:30", "The Kremlin says the video link will be secured by the presidential communications service.", False, False),
    ("2021-12-05 14:58", "Experts expect the issue of embassies’ staffing, cut on both sides, to come up as well.", False, False),
    ("2021-12-05 15:25", "Peskov: Moscow does not expect breakthroughs, but hopes for an honest exchange of views.", True, False),
    ("2021-12-05 15:52", "The Russian Embassy in Washington said ambassador Anatoly Antonov has met White House officials.", False, False),
    ("2021-12-05 16:20", "Markets in Moscow reacted calmly to the announcement; the rouble was little changed.", False, False),
    ("2021-12-05 16:45", "Our correspondents will follow the video conference on Tuesday in a new live coverage.", False, False),
    ("2021-12-05 17:00", "This is where we end our live coverage of the preparations. Thank you for following.", True, False),
]  # fmt: skip

# The page's own article: the one story with its full text.
ARTICLE = Item(
    key="s400-turkey",
    headline="Russia plans to deliver another batch of S-400 systems to Turkey - Kremlin spokesman",
    standfirst=(
        "Dmitry Peskov said that this kind of cooperation between Russia and Turkey should not "
        "be a threat for any country, especially for Greece, because the system is not "
        "offensive, it is defensive"
    ),
    section="military",
    local_time="2021-12-09 10:25",
    dateline_place="ATHENS",
    sources=["kremlin-spokesman"],
    tags=["S-400", "Turkey", "Greece", "Dmitry Peskov", "NATO"],
    mark="interview",
    body=S400_BODY,
    authors=["athens-bureau"],
    related=["item-42", "item-08", "item-15"],
    home_priority=10,
)

# The wire items of the page's live feed and "More news", with their leads. A lead is
# all the reference gives of them, so it is also their body.
ITEMS = [
    Item(
        key="item-01",
        headline="Russia’s Sputnik V is world’s safest Covid vaccine, says RDIF CEO",
        standfirst="People inoculated with Sputnik V are protected against death from the coronavirus infection by 130 times better than those unvaccinated",
        section="society",
        local_time="2021-12-09 14:05",
        dateline_place="MOSCOW",
        theme="coronavirus",
        sources=["rdif-ceo"],
        tags=["Sputnik V", "RDIF", "vaccination"],
        mark="",
    ),
    Item(
        key="item-02",
        headline="Vladimir Putin begins video conference with Joe Biden",
        standfirst="The leaders are expected to discuss the situation around Ukraine and NATO’s eastward expansion, as well as issues of strategic stability and bilateral agenda",
        section="politics",
        local_time="2021-12-07 18:07",
        dateline_place="SOCHI",
        theme="putin-biden",
        sources=[],
        tags=["Vladimir Putin", "Joe Biden"],
        mark="breaking",
    ),
    Item(
        key="item-03",
        headline="Putin told Biden sanctions have no effect, including for US - Kremlin aide",
        standfirst="When speaking about possible sanctions, Biden mentioned such fields as the economy, finance and politics, Ushakov noted",
        section="politics",
        local_time="2021-12-07 21:40",
        dateline_place="SOCHI",
        theme="putin-biden",
        sources=["kremlin-aide"],
        tags=["Vladimir Putin", "Joe Biden", "sanctions", "Yuri Ushakov"],
        mark="",
    ),
    Item(
        key="item-04",
        headline="Putin calls US sanctions against MIPT university nonsense, attempt to hamper Russia",
        standfirst="According to Putin, such measures have only one explanation: they are an attempt to contain the development of Russia",
        section="politics",
        local_time="2021-12-08 16:20",
        dateline_place="MOSCOW",
        theme="",
        sources=["vladimir-putin"],
        tags=["Vladimir Putin", "sanctions", "MIPT"],
        mark="",
    ),
    Item(
        key="item-05",
        headline="Press review: Putin-Biden summit focuses on Ukraine and UK eyes AUKUS-like axis for Arctic",
        standfirst="Top stories from the Russian press on Wednesday, December 8th",
        section="politics",
        local_time="2021-12-08 09:00",
        dateline_place="MOSCOW",
        theme="putin-biden",
        sources=[],
        tags=["press review", "Arctic", "Ukraine"],
        mark="",
    ),
    Item(
        key="item-06",
        headline="Biden informs his European allies about conversation with Putin — White House",
        standfirst="The leaders underscored their support for Ukraine’s sovereignty and territorial integrity, as well as the need for Russia to reduce tensions and engage in diplomacy",
        section="world",
        local_time="2021-12-08 02:15",
        dateline_place="WASHINGTON",
        theme="putin-biden",
        sources=["white-house"],
        tags=["Joe Biden", "Ukraine", "USA"],
        mark="",
    ),
    Item(
        key="item-07",
        headline="Two people killed, three injured in shooting in Moscow’s public service office — Mayor",
        standfirst="According to the preliminary reports, the man reached for his gun after being asked to put on a face mask and opened fire",
        section="emergencies",
        local_time="2021-12-07 13:10",
        dateline_place="MOSCOW",
        theme="",
        sources=["moscow-mayor"],
        tags=["Moscow", "shooting"],
        mark="breaking",
    ),
    Item(
        key="item-08",
        headline="Russia advocates peace, but has right to ensure its security — Putin",
        standfirst="The President stressed that Russia is conducting a peaceful policy",
        section="politics",
        local_time="2021-12-09 12:30",
        dateline_place="MOSCOW",
        theme="ukraine-tensions",
        sources=["vladimir-putin"],
        tags=["Vladimir Putin", "security"],
        mark="",
    ),
    Item(
        key="item-09",
        headline="Nord Stream 2 can be put into operation only after certification — German ministry",
        standfirst="Earlier, it was reported that if energy infrastructure operators want to use it before certification is complete, then penalties will be imposed",
        section="economy",
        local_time="2021-12-08 19:45",
        dateline_place="BERLIN",
        theme="",
        sources=["german-economy-ministry"],
        tags=["Nord Stream 2", "Germany", "gas"],
        mark="",
    ),
    Item(
        key="item-10",
        headline="No sun, no stars for six months. How to work and live in the North",
        standfirst="The chain of meteorology stations stretches to Chukotka - and at every station people are waiting for the supplies",
        section="society",
        local_time="2021-12-08 11:00",
        dateline_place="",
        theme="",
        sources=[],
        tags=["Arctic", "Chukotka", "meteorology"],
        mark="exclusive",
    ),
    Item(
        key="item-11",
        headline="Hainan authorities to kick off 22nd International Tourism Island Carnival on December 10",
        standfirst="Hainan International Tourism Island Carnival will run until December 31 with the closing ceremony set to be held at the Sanya International Duty Free Center",
        section="hainan",
        local_time="2021-12-08 10:30",
        dateline_place="HAIKOU",
        theme="",
        sources=[],
        tags=["Hainan", "tourism"],
        mark="",
    ),
    Item(
        key="item-12",
        headline="Putin to listen with great attention to Biden’s proposals on Ukraine, says spokesman",
        standfirst='Dmitry Peskov drew attention to "an aggressive and hostile rhetoric coming from Europe’s capital cities" and from Washington on the situation around Ukraine',
        section="politics",
        local_time="2021-12-08 13:15",
        dateline_place="MOSCOW",
        theme="putin-biden",
        sources=["kremlin-spokesman"],
        tags=["Dmitry Peskov", "Joe Biden", "Ukraine"],
        mark="",
    ),
    Item(
        key="item-13",
        headline="Galia Lahav House of Couture to host show at Hainan International Wedding Festival",
        standfirst="The event will be held on November 30",
        section="hainan",
        local_time="2021-12-06 10:00",
        dateline_place="SANYA",
        theme="",
        sources=[],
        tags=["Hainan", "fashion"],
        mark="",
    ),
    Item(
        key="item-14",
        headline="Putin confirms he discussed sanctions with Biden on December 7",
        standfirst="As presidential aide Yuri Ushakov told reporters earlier, at the summit on December 7, Putin told Biden that the sanctions had not been effective for the United States itself",
        section="politics",
        local_time="2021-12-08 15:50",
        dateline_place="MOSCOW",
        theme="putin-biden",
        sources=[],
        tags=["Vladimir Putin", "Joe Biden", "sanctions"],
        mark="",
    ),
    Item(
        key="item-15",
        headline="Russia hands note of protest to US warning of consequences of US, NATO provocations",
        standfirst="Maria Zakharova pointed out that the unacceptable and dangerous activity of NATO aircraft, when warplanes belonging to the US and its allies conduct flights without radio communication, without providing flight plans to or obtaining permission from air traffic controllers, poses severe risks to the safety of civil flights",
        section="world",
        local_time="2021-12-08 17:30",
        dateline_place="MOSCOW",
        theme="",
        sources=["russian-foreign-ministry"],
        tags=["NATO", "USA", "Maria Zakharova"],
        mark="",
    ),
    Item(
        key="item-16",
        headline="Japan stands for dialogue with Russia on joint activities on Kuril Islands — top diplomat",
        standfirst="Earlier, the Russian president handed down instructions to prepare amendments on a package of benefits and incentives for businesses active on the Kuril Islands",
        section="world",
        local_time="2021-12-08 08:20",
        dateline_place="TOKYO",
        theme="",
        sources=["japanese-foreign-minister"],
        tags=["Japan", "Kuril Islands"],
        mark="",
    ),
    Item(
        key="item-17",
        headline="Baltic countries starts talks on Russian electricity import increase — operator",
        standfirst="According to spokesperson of Estonia’s Elering Ain Koster, Estonia and Latvia earlier reduced the volume of trade with Russia on the basis of Lithuania’s desires",
        section="economy",
        local_time="2021-12-07 16:00",
        dateline_place="TALLINN",
        theme="",
        sources=["elering"],
        tags=["Baltic states", "electricity"],
        mark="",
    ),
    Item(
        key="item-18",
        headline="Hainan to recycle up to 85% of renewable resources by 2025",
        standfirst="By that date, more than 95% of populated areas in the province will establish their own recycling facilities",
        section="hainan",
        local_time="2021-12-07 10:15",
        dateline_place="HAIKOU",
        theme="",
        sources=[],
        tags=["Hainan", "recycling"],
        mark="",
    ),
    Item(
        key="item-19",
        headline="Media: Hainan authorities to help develop digital zone in Fuxingcheng Science City",
        standfirst='The secretary of the Hainan Province Industry and IT Technology Party Committee noted that "this science city is making progress every year, moving to stages of increasingly intensive development."',
        section="hainan",
        local_time="2021-12-06 11:30",
        dateline_place="HAIKOU",
        theme="",
        sources=["media"],
        tags=["Hainan", "technology"],
        mark="",
    ),
    Item(
        key="item-20",
        headline="Recreating the USSR impossible under today’s circumstances, Kremlin insists",
        standfirst="Dmitry Peskov pointed out that independent sovereign states have been formed, strengthened and are developing successfully in the space of the former USSR for some time already, and they treat each other based on mutual respect, trust and non-interference in each other’s affairs",
        section="politics",
        local_time="2021-12-08 12:40",
        dateline_place="MOSCOW",
        theme="",
        sources=["kremlin-spokesman"],
        tags=["Dmitry Peskov", "USSR", "CIS"],
        mark="",
    ),
    Item(
        key="item-21",
        headline="Soviet Union ceased to exist 30 years ago today",
        standfirst="On December 8, 1991 Russia’s President, Ukraine’s President, and Belarusian Parliamentary Speaker put their signatures to an agreement on establishing the CIS",
        section="society",
        local_time="2021-12-08 07:00",
        dateline_place="MOSCOW",
        theme="",
        sources=[],
        tags=["USSR", "CIS", "history"],
        mark="photo",
    ),
    Item(
        key="item-22",
        headline="The Sanya IP Rights Protection Center in Hainan speeds up work",
        standfirst="The time for reviewing applications to obtain documents confirming exclusive rights to inventions has been reduced more than sixfold",
        section="hainan",
        local_time="2021-12-06 09:40",
        dateline_place="SANYA",
        theme="",
        sources=[],
        tags=["Hainan", "intellectual property"],
        mark="",
    ),
    Item(
        key="item-23",
        headline="Putin-Modi talks lasted for 3.5 hours",
        standfirst="The two leaders discussed bilateral relations, including joint efforts within the G20, BRICS and the Shanghai Cooperation Organization, the struggle with terrorism and Afghanistan",
        section="politics",
        local_time="2021-12-06 23:05",
        dateline_place="NEW DELHI",
        theme="",
        sources=[],
        tags=["Vladimir Putin", "Narendra Modi", "India"],
        mark="video",
    ),
    Item(
        key="item-24",
        headline="Belarus to introduce food embargo in response to sanctions",
        standfirst="The ban covers certain goods from the EU, the US, Canada, Norway, Albania, Iceland, the UK, Montenegro, North Macedonia and Switzerland",
        section="world",
        local_time="2021-12-06 20:10",
        dateline_place="MINSK",
        theme="",
        sources=[],
        tags=["Belarus", "sanctions", "embargo"],
        mark="",
    ),
    Item(
        key="item-25",
        headline="Polish Maritime Office confirms detention of Russian vessel in Baltic Sea",
        standfirst="Currently, the vessel is lying in the anchorage",
        section="world",
        local_time="2021-12-07 11:50",
        dateline_place="WARSAW",
        theme="",
        sources=["polish-maritime-office"],
        tags=["Poland", "Baltic Sea"],
        mark="",
    ),
    Item(
        key="item-26",
        headline="Moscow expects Sputnik V vaccine approval by WHO in first half of next year",
        standfirst="There is only technical paperwork left to approve the vaccine, Director of the Russian Foreign Ministry’s Economic Cooperation Department Dmitry Birichevsky noted",
        section="society",
        local_time="2021-12-07 14:30",
        dateline_place="MOSCOW",
        theme="coronavirus",
        sources=["russian-foreign-ministry"],
        tags=["Sputnik V", "WHO", "vaccination"],
        mark="",
    ),
    Item(
        key="item-27",
        headline="Russian Navy corvette delivers missile strike on enemy warship in Baltic Sea drills",
        standfirst="Also, the corvette’s crew held an exercise for air defense of a ship using the A-190 artillery gun",
        section="military",
        local_time="2021-12-07 12:20",
        dateline_place="KALININGRAD",
        theme="",
        sources=[],
        tags=["Russian Navy", "Baltic Sea", "drills"],
        mark="",
    ),
    Item(
        key="item-28",
        headline="Putin, Biden discuss Ukraine, security, restrictions on diplomatic work",
        standfirst="According to the Kremlin, the talks mainly centered around topics related to the Ukrainian crisis and the lack of progress in the implementation of the 2015 Minsk agreements that remain the only basis for peace settlement in that country",
        section="politics",
        local_time="2021-12-07 20:30",
        dateline_place="SOCHI",
        theme="putin-biden",
        sources=["kremlin-press-service"],
        tags=["Vladimir Putin", "Joe Biden", "Ukraine", "Minsk agreements"],
        mark="updated",
    ),
    Item(
        key="item-29",
        headline="Russian Navy aircraft deliver missile strikes in drills as US warship deploys to Black Sea",
        standfirst="The exercise involved over 20 aircraft",
        section="military",
        local_time="2021-12-06 15:15",
        dateline_place="SEVASTOPOL",
        theme="",
        sources=[],
        tags=["Russian Navy", "Black Sea", "drills"],
        mark="",
    ),
    Item(
        key="item-30",
        headline="RDIF partners in South Korea ready to start Sputnik Light supplies to global market",
        standfirst="A commercial batch of the vaccine successfully passed quality control in the Gamaleya Center",
        section="economy",
        local_time="2021-12-06 12:10",
        dateline_place="MOSCOW",
        theme="coronavirus",
        sources=[],
        tags=["Sputnik Light", "RDIF", "South Korea"],
        mark="",
    ),
    Item(
        key="item-31",
        headline="Armenia calls Russia, CSTO and UN to pay attention to Baku’s threats against Yerevan",
        standfirst="Earlier, Azerbaijani President Ilham Aliyev, during his visit to the Quba region, called on Armenia to specify a date for the opening of the Zangezur corridor",
        section="world",
        local_time="2021-12-06 17:45",
        dateline_place="YEREVAN",
        theme="",
        sources=[],
        tags=["Armenia", "Azerbaijan", "CSTO"],
        mark="",
    ),
    Item(
        key="item-32",
        headline="Beijing vows to take countermeasures following US boycott of 2022 Olympics",
        standfirst="According to Chinese Foreign Ministry Spokesman Zhao Lijian, Beijing expressed its strong discontent and firm protest to the US, and had already submitted an official reprimand",
        section="sports",
        local_time="2021-12-07 11:20",
        dateline_place="BEIJING",
        theme="beijing-2022",
        sources=["chinese-foreign-ministry"],
        tags=["Olympics", "China", "USA"],
        mark="",
    ),
    Item(
        key="item-33",
        headline="China opens first LNG refueling station in Hainan — media",
        standfirst="The fueling station will serve LNG-powered China National Offshore Oil Company ships",
        section="hainan",
        local_time="2021-12-06 08:50",
        dateline_place="HAIKOU",
        theme="",
        sources=["media"],
        tags=["Hainan", "LNG"],
        mark="",
    ),
    Item(
        key="item-34",
        headline="Deep freeze breaks 1893 record in St. Petersburg as temperature drops to 21 below zero",
        standfirst="According to Leading Expert at the Fobos weather center Mikhail Leus, the city has broken cold weather records twice in the 21st century",
        section="society",
        local_time="2021-12-07 09:30",
        dateline_place="ST. PETERSBURG",
        theme="",
        sources=[],
        tags=["St. Petersburg", "weather"],
        mark="",
    ),
    Item(
        key="item-35",
        headline="Macron to discuss Donbass with leaders of Russia, Ukraine in coming days — AFP",
        standfirst="According to the source, the French leader has already discussed the issue with his counterparts from the United Kingdom, Italy, Germany and the United States",
        section="world",
        local_time="2021-12-06 19:20",
        dateline_place="PARIS",
        theme="ukraine-tensions",
        sources=["afp"],
        tags=["Emmanuel Macron", "Donbass", "Ukraine"],
        mark="",
    ),
    Item(
        key="item-36",
        headline="Putin-Biden video conference over",
        standfirst="The talks lasted for slightly over two hours",
        section="politics",
        local_time="2021-12-07 20:10",
        dateline_place="SOCHI",
        theme="putin-biden",
        sources=[],
        tags=["Vladimir Putin", "Joe Biden"],
        mark="breaking",
    ),
    Item(
        key="item-37",
        headline="Press review: Russia, India to deepen ties and NATO spying endangers civilian airliners",
        standfirst="Top stories from the Russian press on Monday, December 6th",
        section="politics",
        local_time="2021-12-06 09:00",
        dateline_place="MOSCOW",
        theme="",
        sources=[],
        tags=["press review", "India", "NATO"],
        mark="",
    ),
    Item(
        key="item-38",
        headline="Evacuation of grounded Xing Yuan ship in Russia’s Far East underway — official",
        standfirst="On Monday, the Chinese Xing Yuan vessel, which was built in 1993 and came to Kholmsk from Japan, took the bottom",
        section="emergencies",
        local_time="2021-12-06 10:45",
        dateline_place="KHOLMSK",
        theme="",
        sources=["official"],
        tags=["Sakhalin", "shipping"],
        mark="",
    ),
    Item(
        key="item-39",
        headline="Press review: How the Putin-Modi summit panned out and winter energy crisis haunting EU",
        standfirst="Top stories from the Russian press on Tuesday, December 7th",
        section="politics",
        local_time="2021-12-07 09:00",
        dateline_place="MOSCOW",
        theme="",
        sources=[],
        tags=["press review", "India", "energy"],
        mark="",
    ),
    Item(
        key="item-40",
        headline="‘Nobody will notice their absence’: China slams Olympic door shut on Australian officials",
        standfirst="Earlier, the Australian prime minister said that Canberra would join the US’ diplomatic boycott of the 2022 Winter Olympic Games in Beijing due to China’s alleged abuse of human rights in the Xinjiang autonomous region and a number of other issues related to China’s interference in Australia’s affairs",
        section="sports",
        local_time="2021-12-08 14:40",
        dateline_place="BEIJING",
        theme="beijing-2022",
        sources=[],
        tags=["Olympics", "China", "Australia"],
        mark="",
    ),
    Item(
        key="item-41",
        headline="Russia, India to reorient to joint development and production of defense systems",
        standfirst="The sides noted the successful completion of the military technical cooperation program for 2011-2020 and hailed an agreement of such program for 2021-2031",
        section="military",
        local_time="2021-12-06 22:00",
        dateline_place="NEW DELHI",
        theme="",
        sources=[],
        tags=["India", "military cooperation"],
        mark="",
    ),
    Item(
        key="item-42",
        headline="Kremlin unveils details on level of ties with Greece, Turkey",
        standfirst="The press secretary assessed Russian-Greek relations at 6 (on a scale of 1-10, with 10 being perfect), while the Russian-Turkish relationship was put at 7",
        section="politics",
        local_time="2021-12-09 11:10",
        dateline_place="ATHENS",
        theme="",
        sources=["kremlin-spokesman"],
        tags=["Greece", "Turkey", "Dmitry Peskov"],
        mark="",
    ),
    Item(
        key="item-43",
        headline="Kremlin registers huge volume of fake news ahead of Putin-Biden talks — spokesman",
        standfirst='Dmitry Peskov stressed that the presidents "never speak based on the emotional mood" and "always speak de facto and based on their national interests"',
        section="politics",
        local_time="2021-12-06 13:30",
        dateline_place="MOSCOW",
        theme="putin-biden",
        sources=["kremlin-spokesman"],
        tags=["Dmitry Peskov", "fake news"],
        mark="",
    ),
    Item(
        key="item-44",
        headline="Ukraine’s Zelensky imposes more sanctions over State Duma elections in Crimea",
        standfirst="Sanctions were imposed on two US companies and a firm registered in the Cayman Islands",
        section="world",
        local_time="2021-12-03 18:00",
        dateline_place="KIEV",
        theme="ukraine-tensions",
        sources=[],
        tags=["Volodymyr Zelensky", "Crimea", "sanctions"],
        mark="",
    ),
    Item(
        key="item-45",
        headline="Zelensky’s initiatives may strip many Donbass residents of Ukrainian citizenship — expert",
        standfirst='According to Ruslan Bortnik, the amendments will impact the electoral process, not merely in terms of the number of voters, but rather "on who will be able to be elected in Donbass"',
        section="world",
        local_time="2021-12-03 15:20",
        dateline_place="MOSCOW",
        theme="ukraine-tensions",
        sources=["expert"],
        tags=["Volodymyr Zelensky", "Donbass"],
        mark="",
    ),
    Item(
        key="item-46",
        headline="Putin calls for not shifting responsibility for escalation around Ukraine on Russia",
        standfirst="According to the Kremlin, the talks mainly centered round topics related to the Ukrainian crisis and the lack of progress in the implementation of the 2015 Minsk agreements",
        section="politics",
        local_time="2021-12-07 22:30",
        dateline_place="SOCHI",
        theme="ukraine-tensions",
        sources=["kremlin-press-service"],
        tags=["Vladimir Putin", "Ukraine"],
        mark="",
    ),
    Item(
        key="item-47",
        headline="‘Acting solely in the interests of the Russian people is the right choice’, Putin affirms",
        standfirst="Certain forces in the West simply sought to make sure that Russia would collapse, the Russian President also noted",
        section="politics",
        local_time="2021-12-05 16:00",
        dateline_place="MOSCOW",
        theme="",
        sources=[],
        tags=["Vladimir Putin"],
        mark="",
    ),
    Item(
        key="item-48",
        headline="Press review: Why Russia nabbed Ukrainian spy ring and Transnistria up against the wall",
        standfirst="Top stories from the Russian press on Friday, December 3rd",
        section="politics",
        local_time="2021-12-03 09:00",
        dateline_place="MOSCOW",
        theme="",
        sources=[],
        tags=["press review", "Ukraine", "Transnistria"],
        mark="",
    ),
    Item(
        key="item-49",
        headline="Putin, Biden to hold talks via live link-up on Tuesday",
        standfirst="The leaders are expected to discuss the situation around Ukraine, NATO’s eastward expansion, some issues of strategic stability and the bilateral agenda",
        section="politics",
        local_time="2021-12-04 18:30",
        dateline_place="MOSCOW",
        theme="putin-biden",
        sources=[],
        tags=["Vladimir Putin", "Joe Biden"],
        mark="",
    ),
    Item(
        key="item-50",
        headline="Kremlin slams potential US sanctions against Putin's inner circle as media hysteria",
        standfirst="Earlier on Monday, CNN reported that the potential new US sanctions may affect the Russian president’s close associates and also include the disconnection of Russia from the SWIFT system",
        section="politics",
        local_time="2021-12-06 16:40",
        dateline_place="MOSCOW",
        theme="",
        sources=["kremlin-spokesman"],
        tags=["sanctions", "SWIFT"],
        mark="",
    ),
    Item(
        key="item-51",
        headline="Kremlin says scheduled talks with Biden ‘convenient’ for Putin",
        standfirst="The Russian President and his US counterpart will hold bilateral talks in a video conference on December 7",
        section="politics",
        local_time="2021-12-04 12:00",
        dateline_place="MOSCOW",
        theme="putin-biden",
        sources=["kremlin-spokesman"],
        tags=["Vladimir Putin", "Joe Biden"],
        mark="",
    ),
]

# Stories the desk linked as related, both ways.
RELATED = [
    ("item-02", "item-36"),
    ("item-36", "item-28"),
    ("item-28", "item-03"),
    ("item-03", "item-14"),
    ("item-49", "item-02"),
    ("item-01", "item-26"),
    ("item-32", "item-40"),
    ("item-44", "item-45"),
]

# Pinned to the home page's top stories, besides the article.
HOME_PRIORITY = {"item-28": 8, "item-01": 6, "item-09": 4}

# Updates: the "updated" mark shows the time of the update.
UPDATED = {"item-28": "2021-12-07 22:05"}


def all_items():
    """Every demo story, with related links and pins filled in (fresh copies each call)."""
    items = [replace(item, related=list(item.related)) for item in (ARTICLE, *ITEMS)]
    by_key = {item.key: item for item in items}
    for first, second in RELATED:
        by_key[first].related.append(second)
        by_key[second].related.append(first)
    for key, priority in HOME_PRIORITY.items():
        by_key[key].home_priority = priority
    for key, when in UPDATED.items():
        by_key[key].updated_local_time = when
    for key, rich in RICH_BODIES.items():
        by_key[key].body = rich
    return items
