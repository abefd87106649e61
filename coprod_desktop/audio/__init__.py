"""Audio: the crash-safe recording sink, clip processing with pydub, levels and waveforms.
Qt-free except for the thin recorder module."""
