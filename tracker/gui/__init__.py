"""The Qt client of TrackerService: windows, models, dialogs and charts."""
