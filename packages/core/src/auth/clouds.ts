/**
 * National clouds and custom endpoints (https://learn.microsoft.com/graph/deployments): where to sign
 * in, where Graph and ARM live, and which scopes their tokens need.
 */

/** Endpoints of one cloud. */
export interface Cloud {
  /** A short name for messages: `global`, `usgov`, `china`, or a custom one. */
  name: string;
  /** The Entra sign-in host, e.g. `https://login.microsoftonline.com`. */
  authorityHost: string;
  /** Graph's root, without the version segment. */
  graphEndpoint: string;
  /** ARM's root. */
  armEndpoint: string;
  /** Token scope for Graph. */
  graphScope: string;
  /** Token scope for ARM. */
  armScope: string;
  /** Sign-in hosts (with port) MSAL may trust without instance discovery. */
  knownAuthorities?: readonly string[] | undefined;
  /** PEM CA certificate(s) to trust for every endpoint of this cloud (the emulator's self-signed CA). */
  ca?: string | readonly string[] | undefined;
}

/** The global Azure cloud. */
export const globalCloud: Cloud = {
  name: "global",
  authorityHost: "https://login.microsoftonline.com",
  graphEndpoint: "https://graph.microsoft.com",
  armEndpoint: "https://management.azure.com",
  graphScope: "https://graph.microsoft.com/.default",
  armScope: "https://management.azure.com/.default",
};

/** Azure US Government (L4). */
export const usGovernmentCloud: Cloud = {
  name: "usgov",
  authorityHost: "https://login.microsoftonline.us",
  graphEndpoint: "https://graph.microsoft.us",
  armEndpoint: "https://management.usgovcloudapi.net",
  graphScope: "https://graph.microsoft.us/.default",
  armScope: "https://management.usgovcloudapi.net/.default",
};

/** Azure operated by 21Vianet (China). */
export const chinaCloud: Cloud = {
  name: "china",
  authorityHost: "https://login.chinacloudapi.cn",
  graphEndpoint: "https://microsoftgraph.chinacloudapi.cn",
  armEndpoint: "https://management.chinacloudapi.cn",
  graphScope: "https://microsoftgraph.chinacloudapi.cn/.default",
  armScope: "https://management.chinacloudapi.cn/.default",
};

/** Options of {@link customCloud}. */
export interface CustomCloudOptions {
  name?: string;
  authorityHost: string;
  graphEndpoint: string;
  armEndpoint: string;
  /** Defaults to the global scopes: an emulator issues tokens for `https://graph.microsoft.com`. */
  graphScope?: string;
  armScope?: string;
  /** Defaults to the authority host's `host:port`. */
  knownAuthorities?: readonly string[];
  ca?: string | readonly string[];
}

function trimSlash(url: string): string {
  return url.replace(/\/+$/, "");
}

/**
 * A cloud at other endpoints, such as the ciamkit emulator. Every endpoint must be https: tokens are
 * never sent over plain http, and MSAL refuses http authorities.
 */
export function customCloud(options: CustomCloudOptions): Cloud {
  for (const [name, url] of Object.entries({
    authorityHost: options.authorityHost,
    graphEndpoint: options.graphEndpoint,
    armEndpoint: options.armEndpoint,
  })) {
    if (!/^https:\/\/[^/]+/.test(url))
      throw new Error(`customCloud: ${name} must be an https URL, got ${JSON.stringify(url)}.`);
  }
  return {
    name: options.name ?? "custom",
    authorityHost: trimSlash(options.authorityHost),
    graphEndpoint: trimSlash(options.graphEndpoint),
    armEndpoint: trimSlash(options.armEndpoint),
    graphScope: options.graphScope ?? globalCloud.graphScope,
    armScope: options.armScope ?? globalCloud.armScope,
    knownAuthorities: options.knownAuthorities ?? [new URL(options.authorityHost).host],
    ca: options.ca,
  };
}

/** The cloud whose sign-in host is `authorityHost` (as in `AZURE_AUTHORITY_HOST`), if it is a Microsoft one. */
export function cloudForAuthorityHost(authorityHost: string): Cloud | undefined {
  const host = trimSlash(authorityHost).toLowerCase();
  return [globalCloud, usGovernmentCloud, chinaCloud].find((c) => c.authorityHost === host);
}

/** Where a credential signs in: an authority URL and the hosts MSAL should trust for it. */
export interface Authority {
  authority: string;
  knownAuthorities: string[];
}

/** The authority for a tenant (id or `contoso.onmicrosoft.com`) in a cloud. */
export function tenantAuthority(cloud: Cloud, tenantId: string): Authority {
  if (!/^[A-Za-z0-9.-]+$/.test(tenantId))
    throw new Error(`Not a tenant id or domain: ${JSON.stringify(tenantId)}`);
  return {
    authority: `${cloud.authorityHost}/${tenantId}`,
    knownAuthorities: [...(cloud.knownAuthorities ?? [])],
  };
}

/**
 * The External ID authority `https://{subdomain}.ciamlogin.com/{tenant}`; MSAL needs the host in
 * `knownAuthorities` because ciamlogin.com is not on its built-in list.
 */
export function ciamAuthority(subdomain: string, tenantId = `${subdomain}.onmicrosoft.com`): Authority {
  if (!/^[a-z0-9-]+$/i.test(subdomain))
    throw new Error(`Not a tenant subdomain: ${JSON.stringify(subdomain)}`);
  const host = `${subdomain}.ciamlogin.com`;
  return { authority: `https://${host}/${tenantId}`, knownAuthorities: [host] };
}
