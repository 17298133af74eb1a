package dev.progy.guard.scripts;

import dev.progy.guard.rule.GuardRule;
import dev.progy.guard.rule.GuardRules;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The behaviour rules that one line shows on its own, each a source joined to a sink rather than a word: a download
 * piped into a shell, not {@code curl}; a decoder piped into a shell, not {@code base64}; a shell bound to a socket,
 * not a socket. What takes several lines to show is {@link ScriptFlows}'s; the deletes and mode changes that need
 * their arguments read are {@link CommandArguments}'.
 */
final class LineBehaviours {

    /**
     * The rules a command shows, which in a program's text is a string (a test's sample, a detector's pattern, a
     * docstring) until the program runs something.
     */
    static final Set<GuardRule> COMMANDS = Set.of(GuardRules.PIPE_TO_SHELL, GuardRules.ENV_EXFILTRATION,
            GuardRules.REVERSE_SHELL, GuardRules.DECODE_AND_RUN);

    /**
     * One behaviour: its rule, the pattern that shows it, what to say, words one of which a line must hold (in lower
     * case) for the pattern to be worth running — most lines hold none, and the patterns are not cheap — and whether
     * it is a command, which counts in a program only when the program runs something.
     */
    record Behaviour(GuardRule rule, Pattern pattern, String message, List<String> words, boolean command) {

        /** A behaviour that is a command (see {@link #COMMANDS}) when its rule is. */
        Behaviour(GuardRule rule, Pattern pattern, String message, List<String> words) {
            this(rule, pattern, message, words, COMMANDS.contains(rule));
        }

        /** Whether this line (and its lower-case form) shows the behaviour. */
        boolean shownBy(String text, String lower) {
            // the miner rule has no words of its own: its words, unless the line is long enough to hold a wallet (95)
            List<String> w = words.isEmpty() && rule == GuardRules.CRYPTO_MINER && text.length() < 95 ? MINER_WORDS : words;
            return (w.isEmpty() || containsAny(lower, w)) && pattern.matcher(text).find();
        }
    }

    private static final List<String> MINER_WORDS = List.of("miner", "xmr", "stratum", "donate-level", "threads-hint", "supportxmr", "minexmr", "moneroocean", "nanopool", "2miners", "f2pool", "ethermine", "nicehash", "minergate", "hashvault", "c3pool", "herominers", "unmineable", "dwarfpool", "antpool", "viabtc", "slushpool", "miningpoolhub", "prohashing", "monerohash", "kryptex", "zergpool", "--algo", " -a ", "coinhive", "coin-hive", "cryptoloot", "webminepool", "jsecoin", "t-rex", "throttle");

    /** A shell, or an interpreter reading its program from standard input. */
    static final String SHELL = "(?:sudo\\s+(?:-\\S+\\s+)*)?(?:env\\s+(?:\\w+=\\S*\\s+)*)?(?:/[\\w/.-]*/)?"
            + "(?:(?:ba|z|da|k|a|fi)?sh\\b|python[0-9.]*(?:\\s+-)?\\s*(?:$|[;&|)'\"])|perl\\s*(?:$|[;&|)'\"])"
            + "|ruby\\s*(?:$|[;&|)'\"])|node\\s*(?:-\\s*)?(?:$|[;&|)'\"])|php\\s*(?:$|[;&|)'\"])|iex\\b|Invoke-Expression\\b)";
    /** Home, as scripts write it. */
    static final String HOME = "(?:~|\\$HOME\\b|\\$\\{HOME}|/home/[^/\\s\"']+|/root|/Users/[^/\\s\"']+|%USERPROFILE%|%HOMEPATH%|\\$env:USERPROFILE)";
    /** Shell start-up files. */
    static final String STARTUP = "\\.(?:bashrc|bash_profile|bash_login|bash_logout|bash_aliases|profile|zshrc|zprofile|zshenv|zlogin"
            + "|cshrc|tcshrc|kshrc|config/fish/config\\.fish|xprofile|xinitrc|xsessionrc)\\b";
    private static final String NETWORK_TOOL = "(?:curl|wget|nc|ncat|netcat|socat|telnet|ssh|scp|sftp|rsync|ftp|nslookup|dig|openssl\\s+s_client)";
    private static final String ENV_DUMP = "(?:env|printenv|set|export\\s+-p|declare\\s+-x|compgen\\s+-e|cat\\s+/proc/[\\w$*]+/environ)";

    static final List<Behaviour> ALL = List.of(
            // downloads run
            new Behaviour(GuardRules.PIPE_TO_SHELL, Pattern.compile(
                    "(?i)\\b(?:curl|wget|aria2c|lwp-request)\\b[^;&\\n]*?\\|\\s*" + SHELL
                            + "|(?:https?|ftp)://[^|;&\\n\\s]*[^;&\\n]*?\\|\\s*" + SHELL
                            + "|(?:\\b(?:ba|z|da|k)?sh|\\bsource|(?:^|[;&|]\\s*)\\.)\\s+<\\(\\s*(?:curl|wget)\\b"
                            + "|\\b(?:eval|(?:ba|z|da|k)?sh\\s+(?:-\\w+\\s+)*-c|python[0-9.]*\\s+-c|perl\\s+-e|node\\s+-e|source)\\s+[\"']?(?:\\$\\(|`)\\s*(?:curl|wget)\\b"
                            + "|\\b(?:iwr|irm|Invoke-WebRequest|Invoke-RestMethod|DownloadString)\\b.*\\b(?:iex|Invoke-Expression)\\b"
                            + "|\\b(?:iex|Invoke-Expression)\\b.*\\b(?:DownloadString|iwr|Invoke-WebRequest)\\b"),
                    "downloads code and runs it",
                    List.of("curl", "wget", "aria2c", "lwp-request", "://", "iex", "invoke-expression")),
            // secrets read
            new Behaviour(GuardRules.SECRET_READ, Pattern.compile(
                    HOME + "[/\\\\]\\.(?:ssh|aws|gnupg|kube|docker[/\\\\]config\\.json|netrc|git-credentials|pgpass|pypirc|npmrc"
                            + "|config/gcloud|azure|password-store|config/gh|local/share/keyrings)\\b"
                            + "|\\.ssh/(?:id_\\w+|authorized_keys|known_hosts)|\\.aws/(?:credentials|config)\\b|\\.kube/config\\b"
                            + "|[\"'/]\\.(?:ssh|aws|gnupg|kube|netrc|git-credentials|pgpass|password-store)[\"']"
                            + "|\\b(?:find\\s[^\\n;|&]*-i?(?:name|path)|locate)\\s+[\"']?\\*?(?:id_(?:rsa|dsa|ecdsa|ed25519)|\\.netrc|\\.git-credentials|wallet\\.dat)\\b"
                            + "|/etc/(?:shadow|gshadow|master\\.passwd)\\b|\\.mozilla/firefox|Firefox/Profiles"
                            + "|\\.config/(?:google-chrome|chromium|BraveSoftware|microsoft-edge|vivaldi|opera)\\b"
                            + "|[\"']\\.config[\"'][^\\n]*[\"'](?:google-chrome|chromium|BraveSoftware|microsoft-edge)[\"']"
                            + "|[\"'/](?:google-chrome|chromium|BraveSoftware)[\"'/][^\\n]*(?:Default|Profile|Cookies|Login Data)"
                            + "|(?:Google[/\\\\]Chrome|Microsoft[/\\\\]Edge|BraveSoftware[/\\\\]Brave-Browser)[/\\\\](?:User Data|Default)|Firefox[/\\\\]Profiles"
                            + "|(?:-C\\s+|\\bcd\\s+)" + HOME + "/?\\s[^;&|\\n]*\\s\\.(?:ssh|aws|gnupg|kube|netrc|git-credentials|password-store)\\b"
                            + "|Library/Application Support/(?:Google/Chrome|Firefox|Microsoft Edge|BraveSoftware)"
                            + "|\\b(?:cookies\\.sqlite|logins\\.json|key[34]\\.db|signons\\.sqlite|formhistory\\.sqlite)\\b"
                            + "|[/\"']Login Data[\"']?|Library/Keychains|\\blogin\\.keychain|\\bsecurity\\s+(?:find-generic-password|find-internet-password|dump-keychain)"),
                    "reads the student's keys, credentials or browser profile",
                    List.of(".ssh", ".aws", ".gnupg", ".kube", ".docker", ".netrc", ".git-credentials", ".pgpass", ".pypirc", ".npmrc", "gcloud", ".azure", "password-store", "/gh", "\\gh", "keyrings", "shadow", "master.passwd", "firefox", "chrom", "brave", "microsoft", "vivaldi", "opera", "cookies.sqlite", "logins.json", "key3.db", "key4.db", "signons", "formhistory", "login data", "keychain", "security find", "security dump", "id_rsa", "id_dsa", "id_ecdsa", "id_ed25519", "wallet.dat")),
            // environment sent
            new Behaviour(GuardRules.ENV_EXFILTRATION, Pattern.compile(
                    "(?:^\\s*|[;&|(`'\"]\\s*|\\$\\(\\s*)" + ENV_DUMP + "(?:\\s+-\\w+)*\\s*\\|[^;&\\n]*\\b" + NETWORK_TOOL + "\\b"
                            + "|\\b" + NETWORK_TOOL + "\\b[^\\n]*(?:\\$\\(\\s*" + ENV_DUMP + "\\s*[|)]|`\\s*(?:env|printenv)\\s*[|`]|<\\(\\s*(?:env|printenv)\\b)"),
                    "sends the environment over the network",
                    List.of("curl", "wget", "nc", "socat", "telnet", "ssh", "scp", "sftp", "rsync", "ftp", "nslookup", "dig", "s_client")),
            // reverse shells
            new Behaviour(GuardRules.REVERSE_SHELL, Pattern.compile(
                    "^(?=.*?/dev/(?:tcp|udp)/).*?(?:>&\\s*/dev/(?:tcp|udp)/|<>\\s*/dev/(?:tcp|udp)/|\\b0>&1|\\b0<&\\d|[<>]&\\s*\\d{2,}"
                            + "|\\b(?:ba|z|da|k)?sh\\s+-i\\b|\\bexec\\s+\\d+<>|/dev/(?:tcp|udp)/\\S+.*\\|\\s*(?:/bin/)?(?:ba|z|da)?sh\\b)"
                            + "|\\b(?:nc|ncat|netcat|nc\\.traditional|nc\\.openbsd|busybox\\s+nc)\\b[^\\n;|&]*\\s(?:-[a-zA-Z]*[ec]\\b|--exec\\b|--sh-exec\\b|--lua-exec\\b)"
                            + "|(?i:\\bsocat\\b[^\\n]*\\b(?:exec|system):)|\\btelnet\\b[^\\n]*\\|\\s*(?:/bin/)?(?:ba|z|da)?sh\\b"
                            + "|/inet/(?:tcp|udp)/|\\bmkfifo\\b[^\\n]*\\b(?:nc|ncat|netcat|telnet|openssl)\\b"
                            + "|\\b(?:ba|z|da)?sh\\s+-i\\b[^\\n]*\\|\\s*(?:nc|ncat|netcat|telnet|openssl\\s+s_client)\\b"
                            + "|\\bopenssl\\s+s_client\\b[^\\n]*\\|\\s*(?:/bin/)?(?:ba|z|da)?sh\\b"
                            + "|pty\\.spawn\\(\\s*[\"'](?:/bin/)?(?:ba|z|da)?sh\\b|\\bruby\\s+-rsocket\\b|\\bphp\\s+-r\\b[^\\n]*\\bfsockopen\\b"
                            + "|\\bperl\\b[^\\n]*\\bsocket\\s*\\([^\\n]*\\bexec\\b|\\bperl\\b[^\\n]*IO::Socket[^\\n]*\\b(?:exec|system)\\b"
                            + "|\\blua\\b[^\\n]*socket[^\\n]*\\b(?:io\\.popen|os\\.execute)|(?i:powershell[^\\n]*Net\\.Sockets\\.TCPClient)"),
                    "opens a reverse shell",
                    List.of("/dev/tcp", "/dev/udp", "nc ", "nc.", "ncat", "netcat", "socat", "telnet", "/inet/", "mkfifo", "s_client", "pty.spawn", "rsocket", "fsockopen", "socket", "lua", "tcpclient")),
            // encoded payloads run
            new Behaviour(GuardRules.DECODE_AND_RUN, Pattern.compile(
                    "(?i)\\b(?:base64\\s+(?:-\\w*d\\w*|--decode|-D)|xxd\\s+(?:-\\w+\\s+)*-r|openssl\\s+(?:enc\\s+)?(?:-\\w+\\s+)*(?:-d|base64)"
                            + "|gunzip|gzip\\s+-\\w*d|zcat|bzcat|xzcat|uudecode|(?<=\\|\\s{0,3})rev(?![\\w-]))\\b[^;&\\n]*\\|\\s*" + SHELL
                            + "|(?:\\b(?:ba|z|da|k)?sh|\\bsource|(?:^|[;&|]\\s*)\\.)\\s+<\\([^)]*\\b(?:base64\\s+(?:-\\w*d|--decode|-D)|xxd\\s+(?:-\\w+\\s+)*-r|gunzip|zcat)"
                            + "|\\b(?:eval|(?:ba|z|da|k)?sh\\s+(?:-\\w+\\s+)*-c|python[0-9.]*\\s+-c|perl\\s+-e|node\\s+-e|source)\\s*[\"']?(?:\\$\\(|`)[^)`]*\\b(?:base64\\s+(?:-\\w*d|--decode|-D)|xxd\\s+(?:-\\w+\\s+)*-r|gunzip|zcat)"
                            + "|(?:^|[;&|]\\s*)(?:\\$\\(|`)\\s*(?:echo|printf)[^)`]*\\|\\s*(?:base64\\s+(?:-\\w*d|--decode|-D)|xxd\\s+(?:-\\w+\\s+)*-r)"
                            + "|\\b(?:printf|echo\\s+-e)\\s+[\"']?[^|\\n]*?\\\\(?:x[0-9a-f]{2}|[0-3][0-7]{2})[^|\\n]*\\|\\s*" + SHELL
                            + "|\\b(?:exec|eval)\\s*\\(\\s*(?:base64\\.b64decode|b64decode|zlib\\.decompress|gzip\\.decompress|lzma\\.decompress"
                            + "|bytes\\.fromhex|codecs\\.decode|binascii\\.unhexlify|marshal\\.loads|atob|Buffer\\.from|unescape|String\\.fromCharCode)"
                            + "|\\b(?:pickle|marshal)\\.loads\\(\\s*(?:base64\\.b64decode|b64decode|zlib\\.decompress|bytes\\.fromhex|codecs\\.decode)"),
                    "decodes a hidden payload and runs it",
                    List.of("base64", "xxd", "openssl", "gunzip", "gzip", "zcat", "bzcat", "xzcat", "uudecode", "rev", "\\x", "\\0", "\\1", "\\2", "\\3", "exec", "eval", "pickle", "marshal")),
            // miners
            new Behaviour(GuardRules.CRYPTO_MINER, Pattern.compile(
                    "(?i:\\b(?:xmrig(?:cc)?|xmr-stak(?:-cpu)?|cpuminer(?:-multi|-opt)?|minerd|ccminer|cgminer|bfgminer|sgminer|ethminer"
                            + "|nbminer|lolminer|phoenixminer|nanominer|teamredminer|gminer|srbminer(?:-multi)?|nheqminer|kawpowminer|bzminer)\\b"
                            + "|stratum\\d?\\+(?:tcp|ssl|tls)://|--donate-level\\b|--cpu-max-threads-hint\\b"
                            + "|\\b[\\w.-]*(?:supportxmr|minexmr|moneroocean|nanopool|2miners|f2pool|ethermine|nicehash|minergate|hashvault"
                            + "|c3pool|herominers|unmineable|xmrpool|dwarfpool|antpool|viabtc|slushpool|miningpoolhub|prohashing|monerohash"
                            + "|kryptex|zergpool)\\.(?:com|org|net|stream|pro|eu|io|fr|cc)\\b"
                            + "|(?:--algo[= ]|\\s-a\\s+)(?:rx/0|randomx|cryptonight\\S*|kawpow|ethash|etchash|autolykos2?)\\b"
                            + ")|(?<![\\w/+])4[0-9AB][1-9A-HJ-NP-Za-km-z]{93}(?![\\w/+])|\\bt-rex\\s+(?:-\\S+\\s+)*-a\\b"),
                    "runs a cryptocurrency miner",
                    List.of(), true), // a miner's name or pool in a program's docstring is prose
            // a miner that runs in the page itself: the API shape browser miners share (CoinHive, CoinImp, Crypto-Loot)
            new Behaviour(GuardRules.CRYPTO_MINER, Pattern.compile(
                    "(?i:\\b(?:coinhive|coin-hive|cryptoloot|webminepool|jsecoin)\\b)"
                            + "|\\.(?:Anonymous|User)\\(\\s*[\"'][\\w]{8,}[\"']\\s*,\\s*\\{[^}]*\\bthrottle\\b"),
                    "runs a cryptocurrency miner in the page",
                    List.of("coinhive", "coin-hive", "cryptoloot", "webminepool", "jsecoin", "throttle"), false),
            // persistence
            new Behaviour(GuardRules.PERSISTENCE, Pattern.compile(
                    "(?:>>?\\s*|\\btee\\s+(?:-a\\s+)?|\\bsed\\s+-i\\S*\\s[^\\n]*|\\b(?:cp|mv|ln|install|rsync)\\s[^\\n]*\\s)[\"']?" + HOME + "/" + STARTUP
                            + "|(?:>>?\\s*|\\btee\\s+(?:-a\\s+)?|\\b(?:cp|mv|ln|install)\\s[^\\n]*\\s)/etc/(?:profile|bash\\.bashrc|zsh/|environment\\b|rc\\.local"
                            + "|crontab|cron\\.|systemd/|init\\.d/|ld\\.so\\.preload|sudoers)"
                            + "|\\|\\s*crontab\\b|(?<!from\\s|import\\s)\\bcrontab\\s+(?!import\\b|as\\b)(?:-[^l\\s]\\S*\\s+)*[^-\\s]|/var/spool/cron\\b|/etc/cron\\.d/"
                            + "|\\bsystemctl\\s+(?:--user\\s+)?(?:--now\\s+)?(?:enable|link|reenable)\\b|\\.config/systemd/user\\b|/etc/systemd/system/"
                            + "|Library/Launch(?:Agents|Daemons)\\b|\\blaunchctl\\s+(?:load|bootstrap|enable|submit)\\b"
                            + "|\\.config/autostart\\b|/etc/xdg/autostart\\b|/etc/sudoers|(?i:CurrentVersion\\\\Run\\b|schtasks\\s+/create)"),
                    "changes the student's shell start-up, cron or services so it runs again later",
                    List.of("bashrc", "bash_", "profile", "zsh", "cshrc", "kshrc", "fish", "xinitrc", "xsessionrc", "/etc/", "crontab", "/var/spool/cron", "systemctl", "systemd", "launch", "autostart", "sudoers", "currentversion", "schtasks")),
            // setuid
            new Behaviour(GuardRules.SETUID, Pattern.compile(
                    "\\binstall\\s[^\\n]*-m\\s*0*[2-7][0-7]{3}\\b|\\bsetcap\\s[^\\n]*\\bcap_\\w+[+=]\\w*[ep]"
                            + "|\\.?(?:f|l)?chmod(?:Sync)?\\s*\\([^)]*(?:\\b0o?[2-7][0-7]{3}\\b|\\b0[2-7][0-7]{3}\\b|[\"']0?[2-7][0-7]{3}[\"']|S_IS[UG]ID)"),
                    "sets the setuid or setgid bit",
                    List.of("install", "setcap", "chmod")));

    /** A miner's configuration or image, by the signals no other program has: pools, stratum URLs, wallets, miner names. */
    static final Pattern MINER_SIGNATURE = Pattern.compile(
            "(?i:stratum\\d?\\+(?:tcp|ssl|tls)://|donate-level|max-threads-hint"
                    + "|\\b[\\w.-]*(?:supportxmr|minexmr|moneroocean|nanopool|2miners|f2pool|ethermine|nicehash|minergate|hashvault"
                    + "|c3pool|herominers|unmineable|xmrpool|dwarfpool|antpool|viabtc|slushpool|miningpoolhub|prohashing|monerohash"
                    + "|kryptex|zergpool)\\.(?:com|org|net|stream|pro|eu|io|fr|cc)\\b)"
                    + "|(?<![\\w/+])4[0-9AB][1-9A-HJ-NP-Za-km-z]{93}(?![\\w/+])");

    private LineBehaviours() { }

    /** Whether {@code lower} holds one of {@code words} (a loop: this runs for every rule on every line). */
    static boolean containsAny(String lower, List<String> words) {
        for (int i = 0; i < words.size(); i++) {
            if (lower.contains(words.get(i))) {
                return true;
            }
        }
        return false;
    }

    /** Whether an image name ({@code FROM}, compose {@code image:}) is a miner's. */
    static boolean minerImage(String image) {
        return ALL.stream().filter(b -> b.rule() == GuardRules.CRYPTO_MINER).anyMatch(b -> b.pattern().matcher(image).find());
    }
}
