//! Where the window goes when it opens again: the size and place it had (restored by
//! tauri-plugin-window-state), kept on a screen that is there now. A window saved on a
//! monitor since unplugged, or larger than the screen it now opens on, is moved and
//! shrunk onto the screen it overlaps most (the primary one if none). Pure geometry, in
//! physical pixels; `app.rs` applies it.

/// A rectangle on the desktop.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rect {
    pub x: i32,
    pub y: i32,
    pub width: u32,
    pub height: u32,
}

impl Rect {
    fn right(self) -> i64 {
        i64::from(self.x) + i64::from(self.width)
    }

    fn bottom(self) -> i64 {
        i64::from(self.y) + i64::from(self.height)
    }

    fn overlap(self, other: Rect) -> i64 {
        let w = self.right().min(other.right()) - i64::from(self.x.max(other.x));
        let h = self.bottom().min(other.bottom()) - i64::from(self.y.max(other.y));
        if w > 0 && h > 0 { w * h } else { 0 }
    }

    fn inside(self, screen: Rect) -> bool {
        self.x >= screen.x && self.y >= screen.y && self.right() <= screen.right() && self.bottom() <= screen.bottom()
    }
}

/// `window` moved and shrunk as little as needed to lie wholly on one of `screens`
/// (their work areas, the primary first); unchanged when it already does.
pub fn clamp_to_screens(window: Rect, screens: &[Rect]) -> Rect {
    if screens.is_empty() || screens.iter().any(|s| window.inside(*s)) {
        return window;
    }
    let screen = screens
        .iter()
        .copied()
        .filter(|s| window.overlap(*s) > 0)
        .max_by_key(|s| window.overlap(*s))
        .unwrap_or(screens[0]);
    let width = window.width.min(screen.width);
    let height = window.height.min(screen.height);
    let max_x = i64::from(screen.x) + i64::from(screen.width - width);
    let max_y = i64::from(screen.y) + i64::from(screen.height - height);
    let x = i64::from(window.x).clamp(i64::from(screen.x), max_x) as i32;
    let y = i64::from(window.y).clamp(i64::from(screen.y), max_y) as i32;
    Rect { x, y, width, height }
}

#[cfg(test)]
mod tests {
    use super::*;

    const LAPTOP: Rect = Rect { x: 0, y: 0, width: 1280, height: 800 };
    const RIGHT: Rect = Rect { x: 1280, y: 0, width: 1920, height: 1080 };

    fn r(x: i32, y: i32, width: u32, height: u32) -> Rect {
        Rect { x, y, width, height }
    }

    #[test]
    fn a_window_on_a_screen_stays_where_it_was() {
        assert_eq!(clamp_to_screens(r(40, 30, 1100, 720), &[LAPTOP]), r(40, 30, 1100, 720));
        assert_eq!(clamp_to_screens(r(1500, 100, 1200, 780), &[LAPTOP, RIGHT]), r(1500, 100, 1200, 780));
    }

    #[test]
    fn a_window_of_an_unplugged_monitor_comes_back_on_the_primary_one() {
        assert_eq!(clamp_to_screens(r(1500, 100, 1200, 780), &[LAPTOP]), r(80, 20, 1200, 780));
        assert_eq!(clamp_to_screens(r(-3000, -2000, 800, 600), &[LAPTOP, RIGHT]), r(0, 0, 800, 600));
    }

    #[test]
    fn a_window_half_off_the_screen_is_moved_in_and_a_big_one_shrunk() {
        assert_eq!(clamp_to_screens(r(900, 500, 1000, 700), &[LAPTOP]), r(280, 100, 1000, 700));
        assert_eq!(clamp_to_screens(r(100, 100, 2560, 1440), &[LAPTOP]), r(0, 0, 1280, 800));
        // Straddling two screens: onto the one it overlaps most.
        assert_eq!(clamp_to_screens(r(1000, 100, 1200, 700), &[LAPTOP, RIGHT]), r(1280, 100, 1200, 700));
    }
}
