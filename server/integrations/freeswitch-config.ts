/**
 * The FreeSWITCH configuration Pacer expects, as files: the event socket Pacer's driver connects
 * to (with an ACL), the dialplan contexts the dialer sends calls to (AMD, agents' extensions) and
 * mod_json_cdr posting every call's record to Pacer. Rendered for one install by
 * `GET /api/integrations/freeswitch`; docs/integrations/freeswitch holds the same files rendered
 * with the placeholders below (`npm run docs:integrations` writes them; a test keeps them equal).
 * Secrets are never filled in: the ESL password and the intake token stay placeholders.
 */

export type FreeswitchSetup = {
  /** Where FreeSWITCH reaches Pacer: `https://pacer.example.com`. */
  pacerUrl: string;
  /** The event socket's port (8021 unless a configured FreeSWITCH says otherwise). */
  eslPort: number;
};

export const PLACEHOLDERS = {
  eslPassword: "CHANGE_ME_ESL_PASSWORD",
  pacerAddress: "PACER_IP_ADDRESS/32",
  intakeToken: "YOUR_CDR_INTAKE_TOKEN",
} as const;

export const DOCS_SETUP: FreeswitchSetup = { pacerUrl: "https://pacer.example.com", eslPort: 8021 };

export type ConfigFile = { path: string; title: string; description: string; language: "xml"; content: string };

const xmlEscape = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

export const intakeUrl = (pacerUrl: string) => `${pacerUrl.replace(/\/+$/, "")}/api/cdr/intake`;

export function freeswitchConfig(setup: FreeswitchSetup): ConfigFile[] {
  const url = xmlEscape(intakeUrl(setup.pacerUrl));
  return [
    {
      path: "autoload_configs/event_socket.conf.xml",
      title: "Event socket (ESL)",
      description: "Pacer places and controls every call over this socket. Give Pacer the same port and password under PBX servers; the ACL lets only Pacer's address in.",
      language: "xml",
      content: `<configuration name="event_socket.conf" description="Socket Client">
  <settings>
    <param name="nat-map" value="false"/>
    <!-- Listen where Pacer can reach it; 127.0.0.1 when Pacer runs on the same machine. -->
    <param name="listen-ip" value="0.0.0.0"/>
    <param name="listen-port" value="${setup.eslPort}"/>
    <!-- Never keep FreeSWITCH's default password: whoever connects controls the switch. -->
    <param name="password" value="${PLACEHOLDERS.eslPassword}"/>
    <!-- Only the addresses in the "pacer" list of acl.conf.xml may connect. -->
    <param name="apply-inbound-acl" value="pacer"/>
  </settings>
</configuration>
`,
    },
    {
      path: "autoload_configs/acl.conf.xml",
      title: "ACL for the event socket",
      description: "The list event_socket.conf.xml applies, to add inside <network-lists>: Pacer's address (each dialer host's, when several run), everything else refused.",
      language: "xml",
      content: `<configuration name="acl.conf" description="Network Lists">
  <network-lists>
    <!-- Keep your other lists; this one admits Pacer to the event socket. -->
    <list name="pacer" default="deny">
      <!-- The address Pacer connects from; add one node per dialer host. -->
      <node type="allow" cidr="${PLACEHOLDERS.pacerAddress}"/>
    </list>
  </network-lists>
</configuration>
`,
    },
    {
      path: "dialplan/pacer.xml",
      title: "Dialplan",
      description:
        "pacer-amd: an answered call Pacer sends to answering-machine detection (extension s) runs mod_amd, whose verdict Pacer reads from the mod_amd::info event, then waits parked for Pacer. from-internal: the extensions campaigns send answered calls to (agent_dest_type exten) and IVR transfers. Include it from freeswitch.xml's dialplan section.",
      language: "xml",
      content: `<include>
  <!-- Answering-machine detection: Pacer transfers an answered call to "s XML pacer-amd". -->
  <context name="pacer-amd">
    <extension name="pacer-amd">
      <condition field="destination_number" expression="^s$">
        <!-- mod_amd sets amd_result (HUMAN, MACHINE, NOTSURE) and amd_cause and fires mod_amd::info. -->
        <action application="amd"/>
        <!-- Pacer takes the call back from here: to an agent, a message or a hang-up. -->
        <action application="park"/>
      </condition>
    </extension>
  </context>

  <!-- Where "exten" destinations go (campaign agent_dest_value, IVR transfers): e.g. 100 rings user 100. -->
  <context name="from-internal">
    <extension name="pacer-local-extension">
      <condition field="destination_number" expression="^(\\d{2,6})$">
        <action application="set" data="hangup_after_bridge=true"/>
        <action application="bridge" data="user/$1@\${domain_name}"/>
      </condition>
    </extension>
  </context>
</include>
`,
    },
    {
      path: "autoload_configs/json_cdr.conf.xml",
      title: "CDR to Pacer (mod_json_cdr)",
      description:
        "After each call FreeSWITCH posts its record to Pacer, which matches it to the attempt by PACER_ATTEMPT (set on every call Pacer places) and fills what Pacer's own CDR lacks; other calls are kept as external records. Create an API token with only the cdr_intake/post permission and put it after the colon in cred (the user name is not checked). Load mod_json_cdr in modules.conf.xml.",
      language: "xml",
      content: `<configuration name="json_cdr.conf" description="JSON CDR">
  <settings>
    <param name="url" value="${url}"/>
    <!-- HTTP Basic: any user name, the API token (permission cdr_intake/post only) as the password. -->
    <param name="auth-scheme" value="basic"/>
    <param name="cred" value="pacer:${PLACEHOLDERS.intakeToken}"/>
    <!-- Post plain JSON with plain values (Pacer also reads the url-encoded and base64 forms). -->
    <param name="encode" value="false"/>
    <param name="encode-values" value="false"/>
    <!-- The leg Pacer placed is the a-leg; b-legs (bridged agents) add nothing Pacer needs. -->
    <param name="log-b-leg" value="false"/>
    <param name="prefix-a-leg" value="false"/>
    <!-- Retries: Pacer stores each call once (by uuid), so a repeated post is harmless. -->
    <param name="retries" value="3"/>
    <param name="delay" value="5"/>
    <param name="timeout" value="10"/>
    <!-- Records that could not be posted are written here; post them again later. -->
    <param name="log-http-and-disk" value="false"/>
    <param name="err-log-dir" value="/var/log/freeswitch/json_cdr"/>
  </settings>
</configuration>
`,
    },
  ];
}
