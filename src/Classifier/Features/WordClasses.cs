namespace MailFilter.Classifier.Features;

/// <summary>
/// A small lexicon, written for this project, that puts words of the same kind in one class: an insult the corpus
/// never used ("nitwit") shares the weight the class learned from those it did ("idiot"), and a report's or a policy's
/// context words ("caller", "prohibited") speak for reports and policies the model never saw. A class adds features
/// next to the word's own; it never replaces them.
/// </summary>
internal static class WordClasses
{
    public const uint None = 0;

    /// <summary>Each listed (lower-case) word's class hash; a word not listed has class <see cref="None"/>.</summary>
    public static IReadOnlyDictionary<string, uint> All { get; } = Build();

    static Dictionary<string, uint> Build()
    {
        var classes = new Dictionary<string, uint>(StringComparer.Ordinal);
        Add(classes, "insult", """
            idiot idiots idiotic moron morons moronic imbecile imbeciles cretin cretins dimwit dimwits nitwit nitwits
            halfwit halfwits dunce dunces fool fools foolish stupid stupidest dumb dumber dumbest dummy dummies dumbass
            numbskull bonehead boneheads blockhead airhead airheads clown clowns buffoon buffoons jerk jerks loser losers
            creep creeps creepy weirdo weirdos freak freaks scum scumbag scumbags slob slobs pig pigs swine rat rats snake
            snakes weasel weasels worm worms parasite parasites leech leeches vermin animal animals savage savages
            pathetic worthless useless incompetent incompetence inept clueless brainless mindless witless spineless
            gutless lazy lazier laziest ignorant ignoramus hopeless disgusting disgrace disgraceful repulsive revolting
            vile despicable contemptible miserable wretched lowlife lowlifes deadbeat deadbeats fraud frauds
            liar liars crook crooks thief thieves hypocrite hypocrites coward cowards cowardly traitor traitors pervert
            perverts sleazy sleazebag sleaze slimy slimeball ugly hideous fat fatso obese loudmouth blowhard windbag
            crybaby crybabies snowflake snowflakes sissy wimp wimps pansy weakling nutcase nutjob lunatic
            lunatics psycho psychos maniac maniacs crazy deranged delusional unhinged insane dimwitted simpleton
            simpletons dolt dolts oaf oafs goon goons thug thugs trash filth filthy dirty stinking stinky
            smelly parasitic clueless twit twits twat nincompoop dingbat dork dorks doofus dopes
            knucklehead knuckleheads meathead chump chumps sucker suckers punk punks brat brats bimbo bimbos harpy shrew
            hag hags witch crone nag nags tramp tramps hussy floozy skank idiocy stupidity retard retards retarded cripple
            crippled spaz imbecilic subhuman inferior degenerate degenerates peasant peasants hillbilly hillbillies
            redneck rednecks yokel
            """);
        Add(classes, "profane", """
            fuck fucks fucked fucker fuckers fucking fuckin motherfucker motherfuckers motherfucking fck fk fuk fking
            fcking shit shits shitty shithead shitheads bullshit horseshit ass asses asshole assholes arse arsehole
            jackass jackasses dumbass smartass bitch bitches bitchy son-of-a-bitch bastard bastards damn damned goddamn
            dammit crap crappy dick dicks dickhead dickheads prick pricks cock cocks cocksucker piss pissed pissing cunt
            cunts douche douchebag douchebags wanker wankers bollocks bugger stfu gtfo wtf hell
            """);
        Add(classes, "harm", """
            kill kills killed killing murder murders murdered strangle strangled choke choked stab stabbed stabbing shoot
            shooting shoots beat beating beaten punch punched punching slap slapped smack smacked hurt hurting harm
            harming injure injured smash smashed bash bashed bury buried burn burned burning torch torched bleed bleeding
            blood bloody die dies dying dead death graveyard grave funeral coffin gun guns rifle bullet bullets knife
            knives baseball crowbar brakes
            """);
        Add(classes, "menace", """
            regret regrets careful warned warning consequences consequence accident accidents unfortunate shame payback
            revenge happens happen lurking hunt hunted whereabouts
            """);
        Add(classes, "sexual", """
            sexy hottie babe babes sweetheart sweetie gorgeous curvy thighs butt booty rack breasts boobs tits lips kiss
            kissing kisses hug hugs massage naked nude undress lingerie bra panties skirt cleavage bedroom sex sexual
            seduce hookup hook-up spank flirt flirting horny
            """);
        Add(classes, "othering", """
            belong belongs deport deported deportation illegals illegal invaders invasion aliens alien breed breeding
            primitive backward backwards uncivilized barbaric barbarian barbarians third-world ghetto heathen heathens
            infidel infidels fanatic fanatics zealot zealots terrorist terrorists extremist extremists assimilate homeland
            smell smells stink stinks curry hysterical hormonal bossy shrill menopause senile decrepit geriatric dinosaur
            dinosaurs fossil fossils feeble over-the-hill abnormal unnatural sinful pervert deviant
            """);
        Add(classes, "report", """
            caller callers suspect suspects complainant complainants stated alleged allegedly reported reportedly victim
            victims witness witnesses officer officers deputy deputies incident incidents dispatch dispatcher transcript
            quote quoted quoting testified testimony defendant defendants plaintiff respondent arrested arrest charged
            charges booked citation cited narrative overheard recorded recording voicemail screenshot screenshots
            forwarded forwarding documented documenting complaint complaints
            """);
        Add(classes, "policy", """
            policy policies prohibited prohibits prohibit prohibition harassment discrimination discriminatory conduct
            violation violations violate violates training trainings module modules examples considered constitutes
            unacceptable inappropriate respectful handbook clause procedures procedure retaliation investigate
            investigation investigations disciplinary discipline termination quiz scenario scenarios protected zero-
            tolerance tolerance
            """);
        return classes;
    }

    static void Add(Dictionary<string, uint> classes, string name, string words)
    {
        var id = ClassHash(name);
        foreach (var word in words.Split((char[])[' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries))
            classes.TryAdd(word, id);
    }

    static uint ClassHash(string name)
    {
        var h = 2166136261u;
        foreach (var c in "class:" + name)
            h = (h ^ c) * 16777619u;
        return h == None ? 1 : h;
    }
}
