// Placeholder while this import point is being built; replaced in the same change.
export {};
