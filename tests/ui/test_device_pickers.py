"""The device pickers: human names, remembered choices, and a refresh that keeps them."""

from __future__ import annotations

from ui.device_pickers import DevicePickers

LISTING = {
    "error": None,
    "inputs": [{"index": 3, "name": "pulse", "channels": 32, "default": True}],
    "pulse_sources": [
        {"name": "alsa_input.pci.analog-stereo", "description": "Built-in Audio Analog Stereo",
         "loopback": False},
        {"name": "alsa_output.pci.analog-stereo.monitor",
         "description": "Monitor of Built-in Audio Analog Stereo", "loopback": True},
    ],
}  # fmt: skip


def _texts(combo):
    return [combo.itemText(i) for i in range(combo.count())]


def test_devices_are_offered_by_the_names_people_know(qtbot):
    pickers = DevicePickers()
    qtbot.addWidget(pickers)
    pickers.fill(LISTING, loopback="alsa_output.pci.analog-stereo.monitor")
    assert "Built-in Audio Analog Stereo" in _texts(pickers.mic_combo)
    assert "System default input (PulseAudio)" in _texts(pickers.mic_combo)
    assert "pulse" not in _texts(pickers.mic_combo)
    assert pickers.loopback_combo.currentText() == "Monitor of Built-in Audio Analog Stereo"
    assert pickers.loopback() == "alsa_output.pci.analog-stereo.monitor"  # what capture opens


def test_a_refresh_lists_again_and_keeps_the_choice(qtbot):
    pickers = DevicePickers()
    qtbot.addWidget(pickers)
    pickers.fill(LISTING)
    pickers.mic_combo.setCurrentIndex(pickers.mic_combo.findData("alsa_input.pci.analog-stereo"))
    with qtbot.waitSignal(pickers.refresh_requested):
        pickers.refresh_button.click()
    headset = {"name": "bluez_input.headset", "description": "Headset", "loopback": False}
    pickers.fill(dict(LISTING, pulse_sources=[*LISTING["pulse_sources"], headset]))
    assert _texts(pickers.mic_combo).count("Built-in Audio Analog Stereo") == 1  # not doubled
    assert "Headset" in _texts(pickers.mic_combo)
    assert pickers.mic() == "alsa_input.pci.analog-stereo"
    pickers.set_running(True)
    assert not pickers.refresh_button.isEnabled()
