/** What a host structure's logo may be: a PNG or a JPEG, recognised by its first bytes. */
export const LOGO_CONTENT_TYPES = ['image/png', 'image/jpeg'] as const;
export type LogoContentType = (typeof LOGO_CONTENT_TYPES)[number];

/** A logo file may weigh this much at most (300 KB): it is embedded in every document's PDF. */
export const LOGO_MAX_BYTES = 300 * 1024;

/**
 * The host structure's logo as stored by commerce, which prints it on the documents of its sites.
 * Content-addressed: a document issued with it keeps this SHA-256, and the bytes under a SHA-256
 * never change nor go away, so a logo replaced later does not change an issued document.
 */
export interface HostLogo {
  hostStructureId: string;
  /** Lower-case hex SHA-256 of the file's bytes. */
  sha256: string;
  contentType: LogoContentType;
  size: number;
  /** Pixels. */
  width: number;
  height: number;
  updatedAt: string;
}

/** `rpc.commerce.host_logo.put`: the file's bytes, base64 (at most LOGO_MAX_BYTES before encoding). */
export interface PutHostLogoRequest {
  hostStructureId: string;
  contentBase64: string;
}

export interface GetHostLogoRequest {
  hostStructureId: string;
}

/** The logo and its bytes, base64. */
export interface HostLogoFile extends HostLogo {
  contentBase64: string;
}

export type RemoveHostLogoRequest = GetHostLogoRequest;

/** Removed (false: there was none). Documents issued with it keep it. */
export interface HostLogoRemoved {
  hostStructureId: string;
  removed: boolean;
}
