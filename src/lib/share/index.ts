export {
	decodeShareLink,
	encodeShareLink,
	isPlainAnchor,
	MAX_LINK_CHARS,
	SHARE_PREFIX,
	shareUrl,
	type DecodedShare,
	type SharedPilot
} from './share-link';
export { DRIFT_NOTE, shareError, type ShareError, type ShareErrorKind } from './messages';
export { OLDEST_SHARE_VERSION, SHARE_VERSION } from './upgrades';
