"""Figures and notebook display: Arabic labels, chart helpers, saving figures, RTL HTML."""
